package io.statefront.support.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * Reads the functions job's log of {@link AppliedChange}s ({@code statefront.flink.applied-change-log}):
 * every change, once, in the order each entity saw it. The log is written at least once, and a
 * restore writes the changes made since its checkpoint again as identical records (every field is
 * a function of the entity's input log): those copies are collapsed here, as the application's
 * history reader collapses them. Two changes by one message are never identical, as the balance
 * after the second includes the first, so what the checker counts as duplicated stays visible.
 */
public final class AppliedChanges {

	private static final Duration SETTLED = Duration.ofMillis(500);

	private AppliedChanges() {
	}

	/** Every change, once the log has stopped growing (call it when no more load comes). */
	public static List<AppliedChange> read(String bootstrapServers, Duration limit) throws InterruptedException {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			Set<TopicPartition> partitions = consumer.partitionsFor(AppliedChange.TOPIC)
				.stream()
				.map(info -> new TopicPartition(info.topic(), info.partition()))
				.collect(Collectors.toSet());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = awaitSettled(consumer, partitions, limit);
			Set<AppliedChange> changes = new LinkedHashSet<>();
			long deadline = System.nanoTime() + limit.toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The applied changes did not come within " + limit);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					changes.add(Json.read(record.value(), AppliedChange.class));
				}
			}
			return new ArrayList<>(changes);
		}
	}

	/** The partitions' ends once they stay put for {@link #SETTLED}: the sink's last batch has landed. */
	private static Map<TopicPartition, Long> awaitSettled(KafkaConsumer<byte[], byte[]> consumer,
			Set<TopicPartition> partitions, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		while (true) {
			Thread.sleep(SETTLED.toMillis());
			Map<TopicPartition, Long> later = consumer.endOffsets(partitions);
			if (later.equals(ends)) {
				return ends;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The applied-change log kept growing for " + limit);
			}
			ends = later;
		}
	}

}
