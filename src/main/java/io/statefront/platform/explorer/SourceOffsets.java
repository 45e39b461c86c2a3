package io.statefront.platform.explorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets a restore point's sources resume from: each Kafka source keeps its splits (a
 * partition and the next offset to read) in its operator state, named {@value #SPLITS}, one entry per
 * split written by the split serializer behind a version. They are read from the state files at the
 * offsets the metadata gives, without a Flink job.
 */
public final class SourceOffsets {

	/** The name Flink's {@code SourceOperator} keeps its splits under. */
	static final String SPLITS = "SourceReaderState";

	private SourceOffsets() {
	}

	/** The next offset each partition's records are read from after a restore from {@code location}. */
	public static Map<TopicPartition, Long> read(String location) throws IOException {
		CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(location);
		Map<TopicPartition, Long> offsets = new TreeMap<>(
				(a, b) -> (a.topic() + "-" + a.partition()).compareTo(b.topic() + "-" + b.partition()));
		KafkaPartitionSplitSerializer splits = new KafkaPartitionSplitSerializer();
		for (OperatorState operator : metadata.getOperatorStates()) {
			for (OperatorSubtaskState subtask : operator.getStates()) {
				for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
					OperatorStateHandle.StateMetaInfo splitsAt = handle.getStateNameToPartitionOffsets().get(SPLITS);
					if (splitsAt == null) {
						continue;
					}
					try (FSDataInputStream in = handle.openInputStream()) {
						DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(in);
						for (long offset : splitsAt.getOffsets()) {
							in.seek(offset);
							byte[] serialized = BytePrimitiveArraySerializer.INSTANCE.deserialize(view);
							KafkaPartitionSplit split = SimpleVersionedSerialization.readVersionAndDeSerialize(splits,
									serialized);
							// negative: one of the split's markers (from the log's start), which the preview resolves
							offsets.put(split.getTopicPartition(), split.getStartingOffset());
						}
					}
				}
			}
		}
		return offsets;
	}

}
