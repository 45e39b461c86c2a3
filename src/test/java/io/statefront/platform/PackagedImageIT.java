package io.statefront.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.Dockerfile;
import io.statefront.support.FreePorts;
import io.statefront.support.Installed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image without a Docker engine: the Dockerfile's steps run as plain commands (the
 * jar extracted into its layers, the layers copied into one directory as the image has them, the
 * class data sharing archive trained there), and
 * the application started there by the image's own entrypoint and environment. Then what an
 * operator of the container relies on: the probes its health check calls, metric history in the
 * InfluxDB the image carries, the Prometheus figures the compose stack's dashboard draws, and a
 * {@code docker stop} (SIGTERM) that suspends every job with a savepoint the next start resumes from.
 */
class PackagedImageIT {

	private static final String PASSWORD = "image-test";

	/** The class data sharing archive the Dockerfile's training run leaves and its entrypoint maps. */
	private static final String ARCHIVE = "statefront.jsa";

	private static final Pattern PROMETHEUS_METRIC = Pattern.compile("\\b((?:flink|statefront|http|jvm)_[a-z_]+)");

	@TempDir
	Path work;

	@Test
	void theImagesLayoutRunsStopsCleanlyAndResumes() throws Exception {
		Installed.influxd();
		Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
		Path app = assemble(image);
		Path dataDir = work.resolve("data");
		Path log = Files.createDirectories(Path.of("target")).resolve("image-test-app.log");
		Files.deleteIfExists(log);
		Map<String, String> environment = new HashMap<>(image.environment());
		environment.put("STATEFRONT_DATA_DIR", dataDir.toString());
		List<String> entrypoint = new ArrayList<>(image.entrypoint());
		entrypoint.set(0, AppProcess.javaExecutable());
		String[] settings = { "--statefront.security.api-password=" + PASSWORD, "--statefront.simulator.enabled=true" };

		try (AppProcess process = new AppProcess(entrypoint, app, environment, dataDir, log)) {
			process.start(settings);
			process.awaitHealthy(Duration.ofMinutes(3));
			assertThat(Files.readString(Path.of("/proc/" + process.pid() + "/maps")))
				.as("the classes come from the training run's archive").contains(ARCHIVE);
			Api api = process.api("api", PASSWORD);

			Api.Response readiness = api.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.json().path("components").propertyNames()).contains("broker", "flink", "gateway");
			assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(api.get("/actuator/health").json().path("components").path("metricHistory").path("details")
				.path("mode").asString()).isEqualTo("managed");
			assertThat(dataDir.resolve("influxdb")).isDirectory();

			String userId = api.post("/users/create").text("user_id");
			assertThat(api.post("/users/credit/add/" + userId + "/250").status()).isEqualTo(200);
			assertThat(prometheusMetricsUnknownTo(api)).as("metrics the Grafana dashboard draws that the app does not export")
				.isEmpty();

			assertThat(process.terminate(Duration.ofSeconds(90))).as("stopped within compose's grace period").isTrue();
			String stopped = process.log();
			for (String job : List.of("functions", "recommendations", "analytics")) {
				assertThat(stopped).contains("Stopped Flink job '" + job + "' with savepoint");
			}
			assertThat(stopped).contains("Embedded Kafka broker stopped");
			// the image logs JSON lines (the Dockerfile's LOGGING_STRUCTURED_FORMAT_CONSOLE), not the human format
			assertThat(stopped.lines().filter(line -> line.contains("Embedded Kafka broker stopped")))
				.singleElement()
				.satisfies(line -> assertThat(line).startsWith("{\"@timestamp\":").contains("\"log\":{\"level\":\"INFO\""));

			process.start(settings);
			process.awaitHealthy(Duration.ofMinutes(3));
			assertThat(process.log()).containsPattern("Submitted Flink job 'functions' \\(\\w+\\)[^\\n]*resuming from \\S*on-stop");
			assertThat(api.get("/users/credit/" + userId).number("credit")).isEqualTo(250);
		}
	}

	/** The Dockerfile's build steps: extract the jar into layers, then copy each layer into one directory. */
	private Path assemble(Dockerfile image) throws Exception {
		Path extracted = work.resolve("extracted");
		List<String> extract = new ArrayList<>(image.extractCommand());
		extract.set(0, AppProcess.javaExecutable());
		extract.set(extract.indexOf("-jar") + 1, AppProcess.packagedJar().toString());
		extract.set(extract.indexOf("--destination") + 1, extracted.toString());
		Process extraction = new ProcessBuilder(extract).inheritIO().start();
		assertThat(extraction.waitFor()).as("exit code of %s", extract).isZero();

		Path app = Files.createDirectories(work.resolve("app"));
		for (String layer : image.layers()) {
			Path from = extracted.resolve(layer);
			try (Stream<Path> files = Files.walk(from)) {
				for (Path file : files.toList()) {
					Path target = app.resolve(from.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
		}
		Files.copy(Path.of("src/main/docker/jvm.options"), app.resolve("jvm.options"));
		train(image, app);
		return app;
	}

	/** The Dockerfile's training run, on a data directory of its own: it leaves the class data sharing archive. */
	private void train(Dockerfile image, Path app) throws Exception {
		List<String> training = new ArrayList<>();
		for (String word : image.trainingCommand()) {
			training.add(word.equals("java") ? AppProcess.javaExecutable()
					: word.startsWith("--statefront.data-dir=") ? "--statefront.data-dir=" + work.resolve("training")
							: word);
		}
		// ports of its own: a docker build has the network to itself, this machine may not
		training.addAll(List.of("--statefront.kafka.embedded.port=" + FreePorts.next(),
				"--statefront.kafka.embedded.controller-port=" + FreePorts.next(), "--statefront.influx.managed.port=0",
				"--server.port=0"));
		Process run = new ProcessBuilder(training).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("training.log").toFile())
			.start();
		assertThat(run.waitFor()).as("exit code of the training run %s", training).isZero();
		assertThat(app.resolve(ARCHIVE)).isNotEmptyFile();
	}

	private static Set<String> prometheusMetricsUnknownTo(Api api) throws Exception {
		String exported = api.get("/actuator/prometheus").raw().body();
		Set<String> unknown = new TreeSet<>();
		Matcher metric = PROMETHEUS_METRIC.matcher(Files.readString(Path.of("compose/grafana/dashboards/statefront.json")));
		while (metric.find()) {
			if (!exported.contains("\n" + metric.group(1))) {
				unknown.add(metric.group(1));
			}
		}
		return unknown;
	}

}
