package io.statefront.platform.flink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a command topic's source starts, never resetting a position (architecture rule 9).
 *
 * <p>{@link OffsetsInitializer#earliest()} makes the connector set the consumer's
 * {@code auto.offset.reset} to {@code earliest}, so a restored offset that retention (or a lost
 * broker) has taken out of the log silently becomes the log's first offset, and the rest of the log
 * is applied again on top of the restored state. This initializer's reset strategy is {@code none}:
 * the split reader's poll throws Kafka's {@code OffsetOutOfRangeException} instead, and the job
 * fails.
 *
 * <p>A partition the job has never read from starts at offset 0, not at the connector's
 * {@link KafkaPartitionSplit#EARLIEST_OFFSET} sentinel (a {@code seekToBeginning}, which
 * {@code none} does not refuse, to wherever the log now starts): so a first start on a log that
 * lost its beginning fails too, and a checkpoint taken before a partition's first record holds 0,
 * which a restore checks like any other offset. Only an explicit rebuild from a truncated log
 * ({@code statefront.flink.rebuild-from-truncated-log}) starts new partitions at the log's start.
 */
@SuppressWarnings("deprecation") // the connector's OffsetsInitializer still speaks OffsetResetStrategy
final class FailClosedOffsets implements OffsetsInitializer {

	private static final long serialVersionUID = 1L;

	private final long newPartitionStart;

	FailClosedOffsets(boolean fromLogStart) {
		this.newPartitionStart = fromLogStart ? KafkaPartitionSplit.EARLIEST_OFFSET : 0;
	}

	@Override
	public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
			PartitionOffsetsRetriever offsets) {
		Map<TopicPartition, Long> starts = new HashMap<>();
		partitions.forEach(partition -> starts.put(partition, newPartitionStart));
		return starts;
	}

	@Override
	public OffsetResetStrategy getAutoOffsetResetStrategy() {
		return OffsetResetStrategy.NONE;
	}

}
