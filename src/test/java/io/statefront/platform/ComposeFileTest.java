package io.statefront.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.analytics.Measurements;
import io.statefront.support.Installed;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack, checked as far as a machine without a Docker engine can: Debian's
 * {@code docker-compose} accepts the file (required in CI, skipped elsewhere without it), every
 * image is pinned, every service that others wait for has a health check, data lives in named
 * volumes, and the monitoring it provisions points at what the application serves.
 */
class ComposeFileTest {

	private static final Path COMPOSE = Path.of("compose.yaml");

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		Process config = new ProcessBuilder(Installed.dockerCompose().toString(), "-f", COMPOSE.toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(config.waitFor()).as(output).isZero();
	}

	@Test
	void everyImageIsPinnedAndEveryServiceChecksItsHealth() throws IOException {
		Map<String, Map<String, Object>> services = section(compose(), "services");
		assertThat(services).containsKeys("kafka", "influxdb", "statefront", "prometheus", "grafana");
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			if (service.containsKey("build")) {
				return;
			}
			assertThat(image).as("image of %s", name).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*").doesNotEndWith(":latest");
			assertThat(service).as("service %s", name).containsKeys("healthcheck", "volumes");
		});
	}

	@Test
	void theApplicationRunsAgainstTheStacksKafkaAndInfluxdbAndKeepsItsDataInAVolume() throws IOException {
		Map<String, Object> compose = compose();
		Map<String, Object> app = ComposeFileTest.<Map<String, Object>>section(compose, "services").get("statefront");
		@SuppressWarnings("unchecked")
		Map<String, String> environment = (Map<String, String>) app.get("environment");
		assertThat(environment).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("STATEFRONT_INFLUX_URL", "http://influxdb:8086");
		assertThat(app.get("volumes").toString()).contains("statefront-data:/var/lib/statefront");
		assertThat(section(compose, "volumes")).containsKeys("kafka-data", "influxdb-data", "statefront-data");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("ENV STATEFRONT_DATA_DIR=/var/lib/statefront");
	}

	@Test
	void prometheusScrapesTheActuatorWithTheApiUsersPasswordFile() throws IOException {
		String prometheus = Files.readString(Path.of("compose/prometheus/prometheus.yml"));
		assertThat(prometheus).contains("metrics_path: /actuator/prometheus", "statefront:8080",
				"password_file: /run/secrets/api-password");
		assertThat(Path.of("compose/secrets/api-password")).isNotEmptyFile();
	}

	@Test
	void theDashboardsInfluxQueriesReadMeasurementsTheAnalyticsJobWrites() throws IOException {
		String dashboard = Files.readString(Path.of("compose/grafana/dashboards/statefront.json"));
		Matcher from = Pattern.compile("FROM \\\\\"(\\w+)\\\\\"").matcher(dashboard);
		List<String> read = new ArrayList<>();
		while (from.find()) {
			read.add(from.group(1));
		}
		assertThat(read).containsExactlyInAnyOrderElementsOf(Measurements.all());
	}

	private static Map<String, Object> compose() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> section(Map<String, Object> compose, String name) {
		return (Map<String, T>) compose.get(name);
	}

}
