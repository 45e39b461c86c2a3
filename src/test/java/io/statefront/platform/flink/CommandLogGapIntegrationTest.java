package io.statefront.platform.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.kafka.AdminClients;
import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention deletes what a restore needs (architecture rule 9), on the whole application with its
 * own broker and data directory (it truncates the {@code users} log, which other tests' shared
 * application must keep): {@code Admin.deleteRecords} moves the log start offset as
 * retention does. A restore whose offsets are gone stops the functions job with its reason
 * instead of applying the rest of the log again on the restored state; a restore whose offsets
 * are still there resumes; a first start on a truncated log is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CommandLogGapIntegrationTest {

	private static final String USERS = "users";

	private static final String REPLIES = "user-events";

	@LocalServerPort
	int port;

	@Autowired
	FlinkRuntime flink;

	@Autowired
	JobRequests requests;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	StatefrontProperties statefront;

	@DynamicPropertySource
	static void ownStack(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("statefront-gap-");
		registry.add("statefront.data-dir", dataDir::toString);
		registry.add("statefront.kafka.embedded.port", () -> "0");
		registry.add("statefront.kafka.embedded.controller-port", () -> "0");
		registry.add("statefront.security.api-user", () -> "api");
		registry.add("statefront.security.api-password", () -> "gap-test-password");
		registry.add("statefront.console.admin-user", () -> "admin");
		registry.add("statefront.console.admin-password", () -> "gap-console-password");
		registry.add("statefront.flink.checkpoint-interval", () -> "1h");
		registry.add("statefront.simulator.enabled", () -> "false");
		registry.add("statefront.influx.managed.port", () -> "0");
		registry.add("statefront.shop.seed-catalogue", () -> "false");
	}

	@Test
	void aRestoreWhoseOffsetsAreDeletedStopsWithItsReasonAndOneStillInTheLogResumes() throws Exception {
		String id = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + id + "/40").status()).isEqualTo(200);
		requests.triggerCheckpoint("functions").join();
		String checkpoint = newest(RestorePoint.Kind.CHECKPOINT);
		assertThat(api().post("/users/credit/add/" + id + "/2").status()).isEqualTo(200);
		// retention takes the users log up to here: the +2 (after the checkpoint) is gone, the +3 is not
		Map<TopicPartition, Long> retainedFrom = endOffsets(USERS);
		assertThat(api().post("/users/credit/add/" + id + "/3").number("credit")).isEqualTo(45);
		String savepoint = RestorePoint.folderOf(requests.triggerSavepoint("functions").join());
		deleteRecordsBefore(retainedFrom);
		Map<TopicPartition, Long> repliesBefore = endOffsets(REPLIES);

		// reading on from the log's start would skip the +2 and apply the +3 again on 40: 43
		try {
			flink.restart("functions", checkpoint);
		}
		catch (IllegalStateException refusedRestart) {
			// when the failure came before the restart's tasks were seen running (else it follows)
			assertThat(refusedRestart).hasMessageStartingWith("Flink job 'functions' stopped: it restored offset");
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> flink.stopReason("functions").isPresent());
		String reason = flink.stopReason("functions").orElseThrow();
		assertThat(reason).containsPattern("restored offset \\d+ of users-\\d+ from " + checkpoint)
			.containsPattern("that log now starts at offset \\d+");
		FlinkRuntime.RunningJob stopped = flink.job("functions").orElseThrow();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> flink.statuses().get("functions") == JobStatus.CANCELED);
		assertThat(endOffsets(REPLIES)).as("nothing applied from the truncated log").isEqualTo(repliesBefore);
		Response refused = api().post("/users/credit/add/" + id + "/1000");
		assertThat(refused.status()).isEqualTo(503);
		Response health = api().get("/actuator/health");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("components").path("flink").path("status").asString()).isEqualTo("DOWN");
		assertThat(health.json().path("components").path("flink").path("details").path("functions").asString())
			.isEqualTo("CANCELED");
		assertThat(health.json().path("components").path("flink").path("details").path("reason").asString())
			.isEqualTo(reason);

		// the operator restores a restore point whose offsets are still in the log
		Restart restart = flink.restart("functions", savepoint);
		assertThat(restart.job().id()).isNotEqualTo(stopped.id());
		assertThat(flink.stopReason("functions")).isEmpty();
		assertThat(api().get("/users/credit/" + id).number("credit")).isEqualTo(45);
		assertThat(api().post("/users/credit/subtract/" + id + "/5").number("credit")).isEqualTo(40);
		assertThat(api().get("/actuator/health").status()).isEqualTo(200);

		// the application stays stopped longer than the users log is retained: its start resumes from nothing
		flink.stop();
		String onStop = newest(RestorePoint.Kind.SAVEPOINT);
		assertThat(Path.of(onStop).getParent().getFileName().toString()).isEqualTo("on-stop");
		sendToUsers(id);
		deleteRecordsBefore(endOffsets(USERS));
		flink.start();
		assertThat(flink.stopReason("functions").orElseThrow())
			.containsPattern("stopped: it restored offset \\d+ of users-\\d+ from " + onStop);
		assertThat(flink.job("functions").orElseThrow().restoredFrom()).contains(onStop);
		assertThat(flink.isRunning("analytics")).isTrue();

		// without any restore point, a start would rebuild the users from a partial log
		flink.stop();
		FileSystemUtils.deleteRecursively(statefront.checkpointsDir().resolve("functions"));
		FileSystemUtils.deleteRecursively(statefront.savepointsDir().resolve("functions"));
		flink.start();
		assertThat(flink.stopReason("functions").orElseThrow()).startsWith("Flink job 'functions' not started")
			.containsPattern("users-\\d+ starts at offset [1-9]\\d*");
		assertThat(flink.job("functions")).isEmpty();
		assertThat(flink.isRunning("analytics")).isTrue();
		JsonNode notStarted = api().get("/actuator/health").json().path("components").path("flink").path("details");
		assertThat(notStarted.path("functions").asString()).isEqualTo("NOT_STARTED");
		assertThat(notStarted.path("reason").asString()).startsWith("Flink job 'functions' not started");
		// unless the operator asks for that rebuild
		assertThat(new RestoreGuard(bootstrapServers(), false).refuseFirstStart("functions", Set.of(USERS)))
			.isPresent();
		RestoreGuard rebuild = new RestoreGuard(bootstrapServers(), true);
		assertThat(rebuild.refuseFirstStart("functions", Set.of(USERS, "no-such-topic"))).isEmpty();
		assertThat(rebuild.reason("functions")).isEmpty();
	}

	private String newest(RestorePoint.Kind kind) {
		return flink.restorePoints("functions")
			.stream()
			.filter(point -> point.kind() == kind)
			.findFirst()
			.orElseThrow()
			.path();
	}

	private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
		try (Admin admin = AdminClients.create(kafkaAdmin, 10_000)) {
			Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(Set.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()), info -> OffsetSpec.latest()));
			return admin.listOffsets(latest).all().get().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
		}
	}

	/** A command to the user, written while the functions job is down (as the web layer would). */
	private void sendToUsers(String userId) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(USERS, userId, "{}")).get();
		}
	}

	private void deleteRecordsBefore(Map<TopicPartition, Long> offsets) throws Exception {
		try (Admin admin = AdminClients.create(kafkaAdmin, 10_000)) {
			admin.deleteRecords(offsets.entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, entry -> RecordsToDelete.beforeOffset(entry.getValue()))))
				.all()
				.get();
		}
	}

	private String bootstrapServers() {
		return String.valueOf(kafkaAdmin.getConfigurationProperties().get("bootstrap.servers"))
			.replaceAll("[\\[\\] ]", "");
	}

	private Api api() {
		return new Api("http://localhost:" + port, "api", "gap-test-password");
	}

}
