package io.statefront.platform.explorer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import io.statefront.platform.saga.SagaStep;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * The messages appended in the same millisecond as a partition's first message to read again, but
 * just before it: a restart does not read them again, though their time alone would say it does.
 * Each is named as the applied-change log names the message that made a change: its key, and its
 * idempotency key, request id or saga step ({@link AppliedChange#messageId}). Looks back
 * {@value #LOOK_BACK} messages per partition at most.
 */
final class SameMillisecond {

	static final int LOOK_BACK = 20;

	private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);

	/** What the applied-change log names a message by; a message of any topic has these or nothing. */
	record Ids(@Nullable String requestId, @Nullable String idempotencyKey, @Nullable SagaStep step) {
	}

	private SameMillisecond() {
	}

	/**
	 * Per partition read again from {@code starts} (not before {@code logStarts}), its first message
	 * to read again having been appended at {@code times}: the messages just before it of that time,
	 * each as {@link #name(String, String)}.
	 */
	static Map<TopicPartition, Set<String>> before(String bootstrapServers, Map<TopicPartition, Long> starts,
			Map<TopicPartition, Long> logStarts, Map<TopicPartition, Long> times) {
		Map<TopicPartition, Long> from = new HashMap<>();
		starts.forEach((partition, start) -> {
			if (times.containsKey(partition) && start > logStarts.get(partition)) {
				from.put(partition, Math.max(logStarts.get(partition), start - LOOK_BACK));
			}
		});
		Map<TopicPartition, Set<String>> tied = new HashMap<>();
		if (from.isEmpty()) {
			return tied;
		}
		Properties settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(from.keySet());
			from.forEach(consumer::seek);
			Set<TopicPartition> open = new HashSet<>(from.keySet());
			long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
			while (!open.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() < starts.get(partition) && record.timestamp() == times.get(partition)) {
						String id = messageId(record.value());
						if (id != null) {
							tied.computeIfAbsent(partition, p -> new HashSet<>()).add(name(record.key(), id));
						}
					}
				}
				open.removeIf(partition -> consumer.position(partition) >= starts.get(partition));
				consumer.pause(from.keySet().stream().filter(partition -> !open.contains(partition)).toList());
			}
		}
		return tied;
	}

	static String name(@Nullable String key, String messageId) {
		return key + "\n" + messageId;
	}

	private static @Nullable String messageId(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			Ids ids = Json.read(value.getBytes(StandardCharsets.UTF_8), Ids.class);
			return AppliedChange.messageId(ids.step(), ids.idempotencyKey(), ids.requestId());
		}
		catch (RuntimeException ex) {
			// not a message to an entity (a saga reply's envelope, a create request): no change to name
			return null;
		}
	}

}
