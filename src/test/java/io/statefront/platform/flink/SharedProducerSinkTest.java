package io.statefront.platform.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.statefront.platform.kafka.EmbeddedKafkaBroker;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FlinkKafka}'s sinks on a real broker and a local MiniCluster: the sinks of one job write
 * through one producer, every record reaches its topic under its key, the producer is closed with
 * the job, and a record Kafka refuses fails the job instead of being lost.
 */
class SharedProducerSinkTest {

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
					new NewTopic("large", 1, (short) 1)))
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
				mostOpen.accumulateAndGet(SharedProducers.open(getRuntimeContext().getJobInfo().getJobId()), Math::max);
				return n.intValue();
			}

		});
		numbers.filter(n -> n % 2 == 0).sinkTo(kafka.sink("evens", String::valueOf)).uid("evens");
		numbers.filter(n -> n % 2 == 1).sinkTo(kafka.sink("odds", String::valueOf)).uid("odds");

		JobID job = env.execute("shared producer").getJobID();

		assertThat(mostOpen).hasValue(1);
		assertThat(SharedProducers.open(job)).isZero();
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
		assertThat(SharedProducers.open(job.getJobID())).isZero();
	}

	private static List<ConsumerRecord<String, String>> read(String topic) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest",
						"group.id", "reader-" + topic),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < 250 && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
