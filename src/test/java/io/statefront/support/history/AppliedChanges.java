package io.statefront.support.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the functions job's log of {@link AppliedChange}s ({@code statefront.flink.applied-change-log})
 * as a {@code read_committed} consumer: the changes of every checkpoint the job completed, each
 * once, in the order each entity saw them.
 */
public final class AppliedChanges {

	private AppliedChanges() {
	}

	/**
	 * Every committed change, once no transaction is open any more: waits for the checkpoint that
	 * commits the last changes made (call it when no more load comes).
	 */
	public static List<AppliedChange> read(String bootstrapServers, Duration limit) throws InterruptedException {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			Set<TopicPartition> partitions = consumer.partitionsFor(AppliedChange.TOPIC)
				.stream()
				.map(info -> new TopicPartition(info.topic(), info.partition()))
				.collect(Collectors.toSet());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = awaitNoOpenTransaction(bootstrapServers, consumer, partitions, limit);
			List<AppliedChange> changes = new ArrayList<>();
			long deadline = System.nanoTime() + limit.toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The applied changes did not come within " + limit);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					changes.add(Json.read(record.value(), AppliedChange.class));
				}
			}
			return changes;
		}
	}

	/**
	 * The partitions' ends once the last stable offset (what {@code read_committed} may read to)
	 * has caught up with the high watermark everywhere: no transaction is open.
	 */
	private static Map<TopicPartition, Long> awaitNoOpenTransaction(String bootstrapServers,
			KafkaConsumer<byte[], byte[]> committed, Set<TopicPartition> partitions, Duration limit)
			throws InterruptedException {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class);
		try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(config)) {
			long deadline = System.nanoTime() + limit.toNanos();
			while (true) {
				Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
				if (stable.equals(uncommitted.endOffsets(partitions))) {
					return stable;
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("A transaction of applied changes stayed open for " + limit);
				}
				Thread.sleep(200);
			}
		}
	}

}
