package io.statefront.platform.explorer;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

/**
 * From where a restart from a restore point reads each partition of its sources again, told by the
 * time the broker appended the messages: the time of the partition's first message to read again
 * or, when it has none yet, a time after its last message, so that whatever is appended from then on
 * counts too. A command topic is stamped on append, so a partition's times never go back: a message
 * is read again when it was appended after that time, or at that time and not among the messages of
 * the same millisecond just before the point ({@link SameMillisecond}).
 */
public final class ReplayStarts {

	private final Map<TopicPartition, Long> times;

	private final Map<TopicPartition, Set<String>> sameMillisecondBefore;

	private final Map<String, Integer> partitions = new HashMap<>();

	ReplayStarts(Map<TopicPartition, Long> times, Map<TopicPartition, Set<String>> sameMillisecondBefore) {
		this.times = Map.copyOf(times);
		this.sameMillisecondBefore = Map.copyOf(sameMillisecondBefore);
		times.keySet().forEach(partition -> this.partitions.merge(partition.topic(), 1, Integer::sum));
	}

	/**
	 * Whether a restart reads again the message keyed {@code key} in {@code topic}, appended at
	 * {@code at} (epoch ms), which the applied-change log names {@code messageId}. Never for a topic
	 * the job does not read. The key's partition is the one every producer of the topic sends it to
	 * (architecture rule 2).
	 */
	public boolean readsAgain(String topic, String key, String messageId, long at) {
		Integer count = partitions.get(topic);
		if (count == null) {
			return false;
		}
		TopicPartition partition = new TopicPartition(topic,
				BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), count));
		long from = times.getOrDefault(partition, 0L);
		return at > from || (at == from
				&& !sameMillisecondBefore.getOrDefault(partition, Set.of()).contains(SameMillisecond.name(key, messageId)));
	}

	/** Whether the job reads the topic. */
	public boolean reads(String topic) {
		return partitions.containsKey(topic);
	}

	/** The earliest time any of the topics is read again from; {@link Long#MAX_VALUE} for none. */
	public long earliest(Collection<String> topics) {
		return times.entrySet()
			.stream()
			.filter(entry -> topics.contains(entry.getKey().topic()))
			.mapToLong(Map.Entry::getValue)
			.min()
			.orElse(Long.MAX_VALUE);
	}

}
