package io.statefront.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.analytics.Measurements;
import io.statefront.support.Dockerfile;
import io.statefront.support.HaproxyProcess;
import io.statefront.support.Installed;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack, checked as far as a machine without a Docker engine can: Debian's
 * {@code docker-compose} accepts the file (required in CI, skipped elsewhere without it), every
 * image is pinned, every service that others wait for has a health check, data lives in named
 * volumes, and the monitoring it provisions points at what the application serves. Its exposure:
 * no secret committed, none missing at start, Grafana signed in only, Prometheus not published,
 * no simulated traffic unless asked for. The cluster profile's wiring: electing instances on three
 * brokers, checkpoints in MinIO through Flink's S3 plugin, and the balancer ScaleOutIT runs.
 */
class ComposeFileTest {

	private static final Path COMPOSE = Path.of("compose.yaml");

	/** Flink's processes keep no state of their own: their jobs' is in the object store. */
	private static final List<String> STATELESS = List.of("flink-jobmanager", "flink-taskmanager-1",
			"flink-taskmanager-2");

	private static final List<String> FLINK_PROCESSES = STATELESS;

	private static final List<String> INSTANCES = List.of("statefront-1", "statefront-2");

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
			if ("no".equals(service.get("restart"))) {
				// a one-shot that others wait to complete (the secrets' check) has no health to check
				assertThat(image).as("image of %s", name).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*");
				return;
			}
			assertThat(image).as("image of %s", name).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*").doesNotEndWith(":latest");
			assertThat(service).as("service %s", name).containsKey("healthcheck");
			if (!STATELESS.contains(name)) {
				assertThat(service).as("service %s", name).containsKey("volumes");
			}
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
	void prometheusScrapesTheActuatorAsTheReadOnlyMetricsUserWithItsPasswordFile() throws IOException {
		String prometheus = Files.readString(Path.of("compose/prometheus/prometheus.yml"));
		assertThat(prometheus).contains("metrics_path: /actuator/prometheus", "statefront:8080", "username: metrics",
				"password_file: /run/secrets/metrics-password")
			.doesNotContainPattern("(?m)^\\s*password:");
		Map<String, Map<String, Object>> services = section(compose(), "services");
		assertThat(secretsOf(services.get("prometheus"))).containsEntry("metrics-password", "metrics-password");
		assertThat(secretsOf(services.get("statefront"))).containsEntry("metrics-password",
				"statefront.security.metrics-password");
	}

	@Test
	void noSecretIsCommittedAndEachHasAnExampleInstead() throws Exception {
		Map<String, Map<String, Object>> secrets = section(compose(), "secrets");
		assertThat(secrets).containsKeys("api-password", "console-password", "metrics-password", "grafana-admin-password");
		Assumptions.assumeTrue(git("rev-parse", "--is-inside-work-tree").exitCode() == 0, "not a git work tree");
		secrets.forEach((name, secret) -> {
			Path file = Path.of((String) secret.get("file")).normalize();
			assertThat(file.startsWith(Path.of("compose/secrets"))).as("secret %s is under compose/secrets", name).isTrue();
			assertThat(Path.of(file + ".example")).as("example of %s", name).isNotEmptyFile();
			assertThat(git("check-ignore", "-q", file.toString()).exitCode()).as("%s is ignored by git", file).isZero();
		});
		assertThat(git("ls-files", "compose/secrets").output().lines()).isNotEmpty()
			.allSatisfy(committed -> assertThat(committed).endsWith(".example"));
		ComposeFileTest.<Map<String, Object>>section(compose(), "services").forEach((name, service) -> environmentOf(service).forEach((key, value) -> {
			if (key.contains("PASSWORD") || key.contains("SECRET")) {
				assertThat(key).as("%s of %s names a file rather than holding a password", key, name).endsWith("_FILE");
			}
		}));
	}

	@Test
	void theStackRefusesToStartWithoutItsSecrets() throws IOException {
		Map<String, Map<String, Object>> services = section(compose(), "services");
		String check = String.join(" ", stringsOf(services.get("secrets-check").get("command")));
		assertThat(section(compose(), "secrets").keySet())
			.allSatisfy(secret -> assertThat(check).as("the check of %s", secret).contains(secret));
		assertThat(check).contains("exit $$missing", ".example");
		for (String name : List.of("statefront", "grafana")) {
			assertThat(services.get(name).get("depends_on").toString()).as("what %s waits for", name)
				.contains("secrets-check={condition=service_completed_successfully}");
		}
		// not optional: without its secrets the application does not start on generated passwords
		assertThat(environmentOf(services.get("statefront"))).containsEntry("SPRING_CONFIG_IMPORT",
				"configtree:/run/secrets/");
		assertThat(secretsOf(services.get("statefront"))).containsEntry("api-password", "statefront.security.api-password")
			.containsEntry("console-password", "statefront.console.admin-password");
	}

	@Test
	void grafanaSignsInWithTheSecretsAdminPasswordAndAllowsNoAnonymousViewer() throws IOException {
		Map<String, Object> grafana = ComposeFileTest.<Map<String, Object>>section(compose(), "services").get("grafana");
		assertThat(environmentOf(grafana)).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE", "/run/secrets/grafana-admin-password")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false")
			.doesNotContainKeys("GF_SECURITY_ADMIN_PASSWORD", "GF_AUTH_ANONYMOUS_ORG_ROLE");
		assertThat(secretsOf(grafana)).containsKey("grafana-admin-password");
	}

	@Test
	void onlyTheApplicationIsPublishedAndGrafanaOnTheHostsLoopbackAlone() throws IOException {
		Map<String, Map<String, Object>> services = section(compose(), "services");
		assertThat(services.get("prometheus")).doesNotContainKey("ports");
		services.forEach((name, service) -> {
			List<String> ports = stringsOf(service.getOrDefault("ports", List.of()));
			if (name.equals("statefront")) {
				assertThat(ports).containsExactly("8080:8080");
			}
			else if (name.equals("haproxy")) {
				// the cluster profile's door, in the single instance's place
				assertThat(ports).containsExactly("8088:8080");
			}
			else {
				assertThat(ports).as("ports of %s", name).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
			}
		});
		assertThat(stringsOf(services.get("grafana").get("ports"))).containsExactly("127.0.0.1:3000:3000");
	}

	/**
	 * The cluster profile: two instances, one elected to manage the jobs on the Flink cluster, each
	 * claiming reply partitions of its own, topics of three copies, and behind a balancer whose
	 * configuration Debian's HAProxy accepts, with sticky sessions for the browsers.
	 */
	@Test
	void theClusterProfileRunsTwoElectingInstancesOnThreeBrokersBehindHaproxy() throws Exception {
		Map<String, Map<String, Object>> services = section(compose(), "services");
		assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "flink-jobmanager", "flink-taskmanager-1",
				"flink-taskmanager-2", "minio", "statefront-1", "statefront-2", "haproxy");
		List<String> claimed = new ArrayList<>();
		for (String instance : List.of("statefront-1", "statefront-2")) {
			Map<String, Object> environment = environmentOf(services.get(instance));
			assertThat(environment).as(instance)
				.containsEntry("STATEFRONT_FLINK_MODE", "remote")
				.containsEntry("STATEFRONT_FLINK_ELECTION_ENABLED", "true")
				.containsEntry("STATEFRONT_KAFKA_TOPICS_REPLICATION_FACTOR", 3)
				.containsEntry("STATEFRONT_KAFKA_TOPICS_MIN_INSYNC_REPLICAS", 2)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
			claimed.addAll(List.of(String.valueOf(environment.get("STATEFRONT_GATEWAY_REPLY_PARTITIONS")).split(",")));
			assertThat(services.get(instance).get("profiles").toString()).contains("cluster");
		}
		assertThat(claimed).as("reply partitions, each claimed once").containsExactlyInAnyOrder("0", "1", "2", "3");
		for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
			assertThat(environmentOf(services.get(broker))).as(broker)
				.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2);
		}
		String haproxy = Files.readString(Path.of("compose/haproxy/haproxy.cfg"));
		assertThat(haproxy).contains("server statefront-1 \"${STATEFRONT_INSTANCE_1-statefront-1:8080}\"",
				"server statefront-2 \"${STATEFRONT_INSTANCE_2-statefront-2:8080}\"", "cookie SERVERID insert");
		Process check = new ProcessBuilder(Installed.haproxy().toString(), "-c", "-f", "compose/haproxy/haproxy.cfg")
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(output).isZero();
	}

	/**
	 * The cluster profile's checkpoints and savepoints: in MinIO's bucket, made by a one-shot with
	 * MinIO's own {@code mc}, written by the Flink processes through the S3 plugin their image ships
	 * (its version the image's) and read, restored from and cleaned up by both instances, each with
	 * the same settings as ScaleOutIT gives them against S3Mock; the key a secret, never in the
	 * environment. No shared volume is left.
	 */
	@Test
	void theClusterProfileCheckpointsToMinioThroughFlinksS3Plugin() throws IOException {
		Map<String, Map<String, Object>> services = section(compose(), "services");
		Map<String, Object> minio = environmentOf(services.get("minio"));
		String accessKey = (String) minio.get("MINIO_ROOT_USER");
		assertThat(minio).containsEntry("MINIO_ROOT_PASSWORD_FILE", "/run/secrets/minio-password");
		assertThat((String) services.get("minio").get("image")).startsWith("minio/minio:RELEASE.");
		Map<String, Object> bucketing = services.get("minio-bucket");
		assertThat(bucketing.get("image")).isEqualTo(services.get("minio").get("image"));
		assertThat(bucketing).containsEntry("restart", "no");
		assertThat(bucketing.get("depends_on").toString()).contains("minio={condition=service_healthy}");
		String makeBucket = String.join(" ", stringsOf(bucketing.get("entrypoint")));
		assertThat(makeBucket).contains("mc alias set store http://minio:9000 " + accessKey,
				"/run/secrets/minio-password", "mc mb --ignore-existing store/");
		String bucket = makeBucket.replaceAll("(?s).*mc mb --ignore-existing store/(\\S+).*", "$1");

		for (String instance : INSTANCES) {
			Map<String, Object> environment = environmentOf(services.get(instance));
			assertThat((String) environment.get("STATEFRONT_FLINK_STORAGE_DIR")).as(instance)
				.startsWith("s3://" + bucket + "/");
			assertThat(environment).as(instance)
				.containsEntry("STATEFRONT_FLINK_STORAGE_S3_ENDPOINT", "http://minio:9000")
				.containsEntry("STATEFRONT_FLINK_STORAGE_S3_PATH_STYLE_ACCESS", "true")
				.containsEntry("STATEFRONT_FLINK_STORAGE_S3_ACCESS_KEY", accessKey);
			assertThat(secretsOf(services.get(instance))).as(instance)
				.containsEntry("minio-password", "statefront.flink.storage.s3.secret-key");
			assertThat(services.get(instance).get("depends_on").toString()).as(instance)
				.contains("minio-bucket={condition=service_completed_successfully}");
		}
		assertThat(environmentOf(services.get("statefront-1")).get("STATEFRONT_FLINK_STORAGE_DIR"))
			.isEqualTo(environmentOf(services.get("statefront-2")).get("STATEFRONT_FLINK_STORAGE_DIR"));

		for (String flink : FLINK_PROCESSES) {
			Map<String, Object> service = services.get(flink);
			String version = ((String) service.get("image")).replaceAll("^flink:(\\d+\\.\\d+\\.\\d+)-.*", "$1");
			Map<String, Object> environment = environmentOf(service);
			assertThat(environment).as(flink)
				.containsEntry("ENABLE_BUILT_IN_PLUGINS", "flink-s3-fs-presto-" + version + ".jar");
			assertThat((String) environment.get("FLINK_PROPERTIES")).as(flink)
				.contains("s3.endpoint: http://minio:9000", "s3.path.style.access: true", "s3.access-key: " + accessKey,
						"s3.secret-key: $${S3_SECRET_KEY}");
			// the image's entrypoint fills ${S3_SECRET_KEY} in (envsubst) from the environment the command gives it
			assertThat(String.join(" ", stringsOf(service.get("entrypoint")))).as(flink)
				.contains("S3_SECRET_KEY=\"$$(cat /run/secrets/minio-password)\" exec /docker-entrypoint.sh");
			assertThat(secretsOf(service)).as(flink).containsKey("minio-password");
			assertThat(service).as(flink).doesNotContainKey("volumes");
		}
		services.forEach((name, service) -> assertThat(stringsOf(service.getOrDefault("volumes", List.of())))
			.as("volumes of %s", name)
			.noneMatch(volume -> volume.contains("checkpoints") || volume.contains("savepoints")));
	}

	/**
	 * The balancer answers a request whose instance died under it as ScaleOutIT sees it answered: a
	 * 504 problem (outcome unknown), not a 502; the test runs this very file ({@link HaproxyProcess}).
	 */
	@Test
	void theBalancerAnswersAnInstancesDeathWithA504AsInScaleOutIT() throws IOException {
		String haproxy = Files.readString(Path.of(HaproxyProcess.CONFIG));
		assertThat(haproxy).containsPattern("(?m)^\\s+errorfile 502 504\\.http$").contains("default-path config");
		String page = Files.readString(Path.of("compose/haproxy/504.http"));
		assertThat(page).startsWith("HTTP/1.1 504 Gateway Timeout\r\n")
			.contains("Content-Type: application/problem+json\r\n", "\"status\":504");
		Map<String, Object> balancer = ComposeFileTest.<Map<String, Object>>section(compose(), "services").get("haproxy");
		assertThat(stringsOf(balancer.get("volumes"))).containsExactly("./compose/haproxy:/usr/local/etc/haproxy:ro");
	}

	@Test
	void theImageAndTheStackRunNoSimulatedTraffic() throws IOException {
		assertThat(Dockerfile.read(Path.of("Dockerfile")).environment()).containsEntry("STATEFRONT_SIMULATOR_ENABLED",
				"false");
		assertThat(environmentOf(ComposeFileTest.<Map<String, Object>>section(compose(), "services").get("statefront")))
			.containsEntry("STATEFRONT_SIMULATOR_ENABLED", "false");
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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environmentOf(Map<String, Object> service) {
		return (Map<String, Object>) service.getOrDefault("environment", Map.of());
	}

	/** A service's secrets, each by its source with the name it is mounted under in /run/secrets. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> secretsOf(Map<String, Object> service) {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (Object secret : (List<Object>) service.getOrDefault("secrets", List.of())) {
			if (secret instanceof Map<?, ?> mounted) {
				secrets.put((String) mounted.get("source"), (String) mounted.get("target"));
			}
			else {
				secrets.put((String) secret, (String) secret);
			}
		}
		return secrets;
	}

	@SuppressWarnings("unchecked")
	private static List<String> stringsOf(Object list) {
		return ((List<Object>) list).stream().map(String::valueOf).toList();
	}

	private record Run(int exitCode, String output) {
	}

	private static Run git(String... arguments) {
		List<String> command = new ArrayList<>(List.of("git"));
		command.addAll(List.of(arguments));
		try {
			Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Run(git.waitFor(), output);
		}
		catch (IOException ex) {
			return new Run(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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
