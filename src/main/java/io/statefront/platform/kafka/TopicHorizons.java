package io.statefront.platform.kafka;

import java.time.Duration;

import io.statefront.platform.RetentionProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

/**
 * The topics every feature creates, each with its horizon (architecture rules 8 and 9). The
 * application creates them when missing and brings the settings of existing ones in line
 * ({@code spring.kafka.admin.modify-topic-configs}), so an older data directory whose command topics
 * were kept forever gets its horizon on the next start.
 *
 * <p>Retention deletes whole segments, never the one being written: each topic rolls a new segment
 * a tenth of its horizon after the last (between 10 s and an hour), so what passes the horizon is
 * freed within about a tenth of it.
 */
@Component
public final class TopicHorizons {

	private static final Duration SHORTEST_SEGMENT = Duration.ofSeconds(10);

	private static final Duration LONGEST_SEGMENT = Duration.ofHours(1);

	private static final long LARGEST_SEGMENT_BYTES = 128L << 20;

	private final RetentionProperties retention;

	private final KafkaTopicsProperties cluster;

	public TopicHorizons(RetentionProperties retention, KafkaTopicsProperties cluster) {
		this.retention = retention;
		this.cluster = cluster;
	}

	/**
	 * A topic of commands to entities (rule 2), kept for {@code statefront.retention.command-log}: a
	 * restore replays it from the offsets in its checkpoint. The broker stamps each message with the
	 * time it was appended, so one partition's timestamps never go back: the functions measure their
	 * horizons by these timestamps (see {@code platform.flink.Horizon}).
	 */
	public NewTopic command(String name, int partitions) {
		return timed(name, partitions, retention.commandLog())
			.config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")
			.config(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(LARGEST_SEGMENT_BYTES))
			.build();
	}

	/** A topic of answers to requests, which nobody reads once its request has timed out. */
	public NewTopic replies(String name, int partitions) {
		return sized(timed(name, partitions, retention.replies())).build();
	}

	/** A topic of events and results, kept for {@code statefront.retention.events} and at most {@code topic-bytes}. */
	public NewTopic events(String name, int partitions) {
		return sized(timed(name, partitions, retention.events())).build();
	}

	/**
	 * The log of applied changes, the users' and items' history: kept for
	 * {@code statefront.retention.entity-history} and at most {@code entity-history-bytes} per
	 * partition. Its records carry the time of the command that made each change, a time of the
	 * command log (so a replay writes the same record), and retention counts by that time.
	 */
	public NewTopic history(String name, int partitions) {
		TopicBuilder topic = timed(name, partitions, retention.entityHistory())
			.config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
		return sized(topic, retention.entityHistoryBytes().toBytes()).build();
	}

	/** A compacted topic: the latest message per key, so bounded by the keys, not by time. */
	public NewTopic compacted(String name, int partitions) {
		// compaction cleans closed segments only: roll hourly so the log's head is compacted too
		return replicated(TopicBuilder.name(name).partitions(partitions)).compact()
			.config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(LONGEST_SEGMENT.toMillis()))
			.build();
	}

	private TopicBuilder timed(String name, int partitions, Duration horizon) {
		return replicated(TopicBuilder.name(name).partitions(partitions))
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(horizon.toMillis()))
			.config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment(horizon).toMillis()));
	}

	/** With the cluster's replication settings, where they are set (else the broker's defaults). */
	private TopicBuilder replicated(TopicBuilder topic) {
		if (cluster.replicationFactor() != null) {
			topic.replicas(cluster.replicationFactor());
		}
		if (cluster.minInsyncReplicas() != null) {
			topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(cluster.minInsyncReplicas()));
		}
		return topic;
	}

	private TopicBuilder sized(TopicBuilder topic) {
		return sized(topic, retention.topicBytes().toBytes());
	}

	private static TopicBuilder sized(TopicBuilder topic, long bytes) {
		// a size limit deletes whole segments too: four or more of them fit under it
		long segmentBytes = Math.max(1L << 20, Math.min(LARGEST_SEGMENT_BYTES, bytes / 4));
		return topic.config(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(bytes))
			.config(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(segmentBytes));
	}

	static Duration segment(Duration horizon) {
		Duration tenth = horizon.dividedBy(10);
		return (tenth.compareTo(SHORTEST_SEGMENT) < 0) ? SHORTEST_SEGMENT
				: (tenth.compareTo(LONGEST_SEGMENT) > 0) ? LONGEST_SEGMENT : tenth;
	}

}
