package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.kafka.AdminClients;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The topics with their end offsets, and how far each consumer group's committed offsets trail
 * them. Flink's sources commit on each completed checkpoint, so their lag includes what was read
 * since the last one; only a lag that points to a problem is marked (see {@link LagWatch}).
 */
@Component
class KafkaOffsets implements DisposableBean {

	private static final int TIMEOUT_MS = 2_000;

	private static final Duration MIN_PATIENCE = Duration.ofMinutes(1);

	public record TopicRow(String name, int partitions, long endOffset, List<GroupLag> groups) {
	}

	/**
	 * @param tooFarBehind whether the lag points to a problem rather than to the commit rhythm (see
	 * {@link LagWatch})
	 */
	public record GroupLag(String group, long lag, boolean tooFarBehind) {
	}

	private final AdminClient admin;

	private final LagWatch lagWatch;

	KafkaOffsets(KafkaAdmin kafkaAdmin, FlinkRuntime flink) {
		this.admin = AdminClients.create(kafkaAdmin, TIMEOUT_MS);
		// a commit per completed checkpoint: three intervals without one is more than a slow checkpoint
		Duration patience = flink.checkpointInterval().multipliedBy(3);
		this.lagWatch = new LagWatch((patience.compareTo(MIN_PATIENCE) > 0) ? patience : MIN_PATIENCE,
				Clock.systemUTC());
	}

	/** How far behind, in time, a group's committed offsets may be before its lag is marked. */
	Duration patience() {
		return lagWatch.patience();
	}

	/** Every topic but Kafka's own, by name. */
	List<TopicRow> topics() throws Exception {
		Collection<String> names = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		Map<String, TopicDescription> topics = admin.describeTopics(names)
			.allTopicNames()
			.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		topics.values()
			.forEach(topic -> topic.partitions()
				.forEach(partition -> partitions.put(new TopicPartition(topic.name(), partition.partition()),
						OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(partitions)
			.all()
			.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
			.forEach((partition, offset) -> ends.put(partition, offset.offset()));
		ends.forEach((partition, end) -> lagWatch.sawEnd(partition.toString(), end));

		Map<String, List<GroupLag>> lagByTopic = new HashMap<>();
		Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
		admin.listGroups()
			.all()
			.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
			.forEach(group -> groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec()));
		// one request for every group's offsets
		ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(groups);
		for (String group : groups.keySet()) {
			Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(offsets, group);
			Map<String, Long> lag = new TreeMap<>();
			Set<String> tooFarBehind = new HashSet<>();
			committed.forEach((partition, offset) -> {
				if (offset != null && ends.containsKey(partition)) {
					lag.merge(partition.topic(), Math.max(0, ends.get(partition) - offset.offset()), Long::sum);
					if (lagWatch.tooFarBehind(partition.toString(), offset.offset())) {
						tooFarBehind.add(partition.topic());
					}
				}
			});
			lag.forEach((topic, behind) -> lagByTopic.computeIfAbsent(topic, name -> new ArrayList<>())
				.add(new GroupLag(group, behind, tooFarBehind.contains(topic))));
		}

		Map<String, TopicRow> rows = new TreeMap<>();
		topics.values().stream().filter(topic -> !topic.isInternal() && !topic.name().startsWith("__")).forEach(topic -> {
			long end = topic.partitions()
				.stream()
				.mapToLong(partition -> ends.getOrDefault(new TopicPartition(topic.name(), partition.partition()), 0L))
				.sum();
			rows.put(topic.name(), new TopicRow(topic.name(), topic.partitions().size(), end,
					lagByTopic.getOrDefault(topic.name(), List.of())));
		});
		return List.copyOf(rows.values());
	}

	private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(ListConsumerGroupOffsetsResult offsets,
			String group) throws InterruptedException {
		try {
			return offsets.partitionsToOffsetAndMetadata(group).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// a group of another kind (share, streams) or one that went away meanwhile
			return Map.of();
		}
	}

	@Override
	public void destroy() {
		admin.close();
	}

}
