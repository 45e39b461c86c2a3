package io.statefront.platform.flink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a command topic's source starts: a partition the job has never read from starts at the
 * beginning of its log, as {@link OffsetsInitializer#earliest()} does, but no position is ever
 * reset. {@code earliest()} tells the connector to set the consumer's {@code auto.offset.reset}
 * to {@code earliest}, so a restored offset that retention (or a lost broker) has taken out of the
 * log silently becomes the log's first offset, and the rest of the log is applied again on top of
 * the restored state. With {@code none} the split reader's poll throws Kafka's
 * {@code OffsetOutOfRangeException} instead and the job fails (architecture rule 9).
 *
 * <p>The {@link KafkaPartitionSplit#EARLIEST_OFFSET} sentinel makes the split reader call
 * {@code seekToBeginning}, an explicit reset that {@code none} does not refuse.
 */
@SuppressWarnings("deprecation") // the connector's OffsetsInitializer still speaks OffsetResetStrategy
final class FailClosedOffsets implements OffsetsInitializer {

	private static final long serialVersionUID = 1L;

	@Override
	public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
			PartitionOffsetsRetriever offsets) {
		Map<TopicPartition, Long> starts = new HashMap<>();
		partitions.forEach(partition -> starts.put(partition, KafkaPartitionSplit.EARLIEST_OFFSET));
		return starts;
	}

	@Override
	public OffsetResetStrategy getAutoOffsetResetStrategy() {
		return OffsetResetStrategy.NONE;
	}

}
