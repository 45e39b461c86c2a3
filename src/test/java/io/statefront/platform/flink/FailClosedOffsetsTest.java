package io.statefront.platform.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.statefront.platform.kafka.EmbeddedKafkaBroker;
import io.statefront.platform.kafka.Json;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What the connector does with {@link FlinkKafka}'s sources on a real broker whose log no longer
 * starts at offset 0 (records 0…2 deleted, as retention does): a command source fails the job with
 * Kafka's {@code OffsetOutOfRangeException} and reads nothing; an event source, or a command
 * source of an explicit rebuild, reads what the log still holds.
 */
class FailClosedOffsetsTest {

	private static final String TOPIC = "truncated-commands";

	private static final List<String> read = Collections.synchronizedList(new ArrayList<>());

	@TempDir
	static Path logDir;

	private static EmbeddedKafkaBroker broker;

	@BeforeAll
	static void truncatedLog() throws Exception {
		broker = new EmbeddedKafkaBroker(Files.createDirectories(logDir.resolve("kafka")), 0, 0);
		broker.awaitStarted();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(),
					new ByteArraySerializer())) {
				for (int i = 0; i < 6; i++) {
					producer.send(new ProducerRecord<>(TOPIC, Json.write("command " + i))).get();
				}
			}
			admin.deleteRecords(Map.of(new TopicPartition(TOPIC, 0), RecordsToDelete.beforeOffset(3))).all().get();
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@BeforeEach
	void nothingReadYet() {
		read.clear();
	}

	@Test
	void aCommandSourceFailsTheJobRatherThanStartWhereTheLogNowStarts() throws Exception {
		JobClient job = run(new FlinkKafka(broker.bootstrapServers(), "fail-closed", false).commandSource(TOPIC,
				String.class));

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> job.getJobExecutionResult().get())
			.havingRootCause()
			.isInstanceOf(OffsetOutOfRangeException.class)
			.withMessageStartingWith("Fetch position FetchPosition{offset=0")
			.withMessageEndingWith("is out of range for partition " + TOPIC + "-0");
		assertThat(read).isEmpty();
	}

	@Test
	void anEventSourceReadsWhatTheLogStillHolds() throws Exception {
		JobClient job = run(new FlinkKafka(broker.bootstrapServers(), "events", false).eventSource(TOPIC, String.class));
		try {
			await().atMost(Duration.ofMinutes(1)).until(() -> read.size() == 3);
			assertThat(read).containsExactly("command 3", "command 4", "command 5");
		}
		finally {
			job.cancel().get();
		}
	}

	@Test
	void aCommandSourceOfAnExplicitRebuildReadsWhatTheLogStillHolds() throws Exception {
		FlinkKafka rebuild = new FlinkKafka(broker.bootstrapServers(), "rebuild", false, true);
		JobClient job = run(rebuild.commandSource(TOPIC, String.class));
		try {
			await().atMost(Duration.ofMinutes(1)).until(() -> read.size() == 3);
			assertThat(read).containsExactly("command 3", "command 4", "command 5");
			assertThat(rebuild.commandTopics()).containsExactly(TOPIC);
		}
		finally {
			job.cancel().get();
		}
	}

	/** The source into a list, on a MiniCluster that does not restart a failed job. */
	private static JobClient run(KafkaSource<String> source) throws Exception {
		Configuration configuration = new Configuration();
		configuration.setString("restart-strategy.type", "none");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		env.fromSource(source, WatermarkStrategy.noWatermarks(), TOPIC)
			.uid(TOPIC)
			.map(FailClosedOffsetsTest::record)
			.uid("read")
			.returns(String.class);
		return env.executeAsync("fail-closed-offsets");
	}

	private static String record(String command) {
		read.add(command);
		return command;
	}

}
