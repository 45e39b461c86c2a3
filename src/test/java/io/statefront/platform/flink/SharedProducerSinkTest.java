package io.statefront.platform.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.statefront.platform.kafka.EmbeddedKafkaBroker;
import io.statefront.platform.kafka.Json;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link FlinkKafka}'s sinks on a real broker and a local MiniCluster: the sinks of one job write
 * through one producer, every record reaches its topic under its key, the producer is closed with
 * the job, a record Kafka refuses fails the job instead of being lost, and a job that wrote through
 * Flink's own {@code KafkaSink} restores onto these sinks.
 */
class SharedProducerSinkTest {

	private static final int NUMBERS = 4_000;

	@TempDir
	static Path logDir;

	private static EmbeddedKafkaBroker broker;

	/** The most producers the job had open at once while its records passed through it. */
	private static final AtomicLong mostOpen = new AtomicLong();

	@BeforeAll
	static void startBroker() throws Exception {
		broker = new EmbeddedKafkaBroker(Files.createDirectories(logDir.resolve("kafka")), 0, 0);
		broker.awaitStarted();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic("evens", 2, (short) 1), new NewTopic("odds", 2, (short) 1),
					new NewTopic("large", 1, (short) 1), new NewTopic("restored", 1, (short) 1)))
				.all()
				.get();
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void theSinksOfAJobShareOneProducerAndDeliverEveryRecord() throws Exception {
		FlinkKafka kafka = new FlinkKafka(broker.bootstrapServers(), "test", false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
		env.setParallelism(1);
		DataStream<Integer> numbers = env.fromSequence(1, 500).map(new RichMapFunction<Long, Integer>() {

			@Override
			public Integer map(Long n) {
				mostOpen.accumulateAndGet(SharedProducers.leased(getRuntimeContext().getJobInfo().getJobId()), Math::max);
				return n.intValue();
			}

		});
		numbers.filter(n -> n % 2 == 0).sinkTo(kafka.sink("evens", String::valueOf)).uid("evens");
		numbers.filter(n -> n % 2 == 1).sinkTo(kafka.sink("odds", String::valueOf)).uid("odds");

		JobID job = env.execute("shared producer").getJobID();

		assertThat(mostOpen).hasValue(1);
		assertThat(SharedProducers.leased(job)).isZero();
		assertThat(read("evens")).hasSize(250).allSatisfy(record -> assertThat(record.value()).isEqualTo(record.key()));
		assertThat(read("odds")).hasSize(250).allSatisfy(record -> assertThat(record.value()).isEqualTo(record.key()));
	}

	@Test
	void aRecordKafkaRefusesFailsTheJob() throws Exception {
		FlinkKafka kafka = new FlinkKafka(broker.bootstrapServers(), "test", false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
		env.setParallelism(1);
		// larger than the producer's largest request (1 MB): Kafka fails it in the callback, not in send
		env.fromData(2_000_000).map(size -> "x".repeat(size)).sinkTo(kafka.sink("large", value -> "big")).uid("large");

		JobClient job = env.executeAsync("refused record");

		assertThatThrownBy(() -> job.getJobExecutionResult().get())
			.satisfies(failure -> assertThat(ExceptionUtils.stringifyException(failure))
				.contains("Kafka failed a record of this sink"));
		assertThat(SharedProducers.leased(job.getJobID())).isZero();
	}

	@Test
	void aProducerThatFailedARecordIsLeasedNoMoreAndClosedByItsLastWriter() {
		JobID job = new JobID();
		Map<String, String> settings = Map.of("bootstrap.servers", broker.bootstrapServers());
		SharedProducers.Lease failed = SharedProducers.lease(job, settings);
		SharedProducers.Lease beside = SharedProducers.lease(job, settings);
		assertThat(beside.get()).isSameAs(failed.get());

		failed.retire();
		failed.release();
		SharedProducers.Lease restarted = SharedProducers.lease(job, settings);

		assertThat(restarted.get()).isNotSameAs(beside.get());
		assertThat(SharedProducers.leased(job)).isOne();
		beside.release();
		restarted.release();
		assertThat(SharedProducers.leased(job)).isZero();
		assertThatThrownBy(() -> beside.get().send(new ProducerRecord<>("evens", new byte[0])))
			.hasMessageContaining("closed");
	}

	@Test
	void aJobRestoresFromASavepointTakenWithFlinksOwnKafkaSink(@TempDir Path savepoints) throws Exception {
		// the job as it was, through Flink's sink, at least once
		StreamExecutionEnvironment before = StreamExecutionEnvironment.getExecutionEnvironment();
		before.setParallelism(1);
		slowNumbers(before).sinkTo(KafkaSink.<Integer>builder()
			.setBootstrapServers(broker.bootstrapServers())
			.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
			.setRecordSerializer(KafkaRecordSerializationSchema.<Integer>builder()
				.setTopic("restored")
				.setValueSerializationSchema(new JsonNumbers())
				.build())
			.build()).uid("numbers-sink");
		JobClient running = before.executeAsync("before");
		await().atMost(Duration.ofSeconds(30)).until(() -> running.getJobStatus().get() == JobStatus.RUNNING);
		Thread.sleep(500);
		String savepoint = running
			.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
			.get();

		// the same operators, writing through the shared producer: a savepoint with an operator the job
		// lacks would be refused
		Configuration restore = new Configuration();
		restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
		StreamExecutionEnvironment after = StreamExecutionEnvironment.getExecutionEnvironment(restore);
		after.setParallelism(1);
		slowNumbers(after)
			.sinkTo(new FlinkKafka(broker.bootstrapServers(), "test", false).sink("restored", String::valueOf))
			.uid("numbers-sink");
		after.execute("after");

		assertThat(read("restored", NUMBERS).stream().map(ConsumerRecord::value).distinct()).hasSize(NUMBERS);
	}

	/** As the shared producer's sink writes them (a class: Flink's sink reads its type). */
	static final class JsonNumbers implements SerializationSchema<Integer> {

		@Override
		public byte[] serialize(Integer number) {
			return Json.write(number);
		}

	}

	/** Numbers 1 to {@value #NUMBERS}, a millisecond apart. */
	private static DataStream<Integer> slowNumbers(StreamExecutionEnvironment env) {
		return env.fromSequence(1, NUMBERS).uid("numbers").map(n -> {
			Thread.sleep(1);
			return n.intValue();
		}).uid("slowly");
	}

	private static List<ConsumerRecord<String, String>> read(String topic) {
		return read(topic, 250);
	}

	private static List<ConsumerRecord<String, String>> read(String topic, int atLeast) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest",
						"group.id", "reader-" + topic),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < atLeast && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
