package io.statefront.platform.explorer;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.SnapshotType;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.state.api.runtime.OperatorIDGenerator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A checkpoint or savepoint of one operator under Flink's test harness, written to disk as the
 * JobManager writes one: its state files where the harness's checkpoint storage put them, and a
 * {@code _metadata} file naming the operator by its uid.
 */
final class HarnessCheckpoints {

	static final int MAX_PARALLELISM = 128;

	private HarnessCheckpoints() {
	}

	/** A checkpoint, taken with the harness's checkpoint storage under {@code storage}; its folder. */
	static Path checkpoint(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, String uid, long id, Path storage)
			throws Exception {
		return write(harness, uid, id, storage, CheckpointType.CHECKPOINT);
	}

	/** A savepoint in the canonical format, taken as {@link #checkpoint} is; its folder. */
	static Path savepoint(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, String uid, long id, Path storage)
			throws Exception {
		return write(harness, uid, id, storage, SavepointType.savepoint(SavepointFormatType.CANONICAL));
	}

	private static Path write(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, String uid, long id,
			Path storage, SnapshotType type) throws Exception {
		OperatorSubtaskState subtask = harness.snapshotWithLocalState(id, id, type).getJobManagerOwnedState();
		// the metadata goes beside the state files the snapshot wrote, which it names relative to itself
		Path target;
		try (Stream<Path> written = Files.walk(storage)) {
			target = written.filter(dir -> dir.getFileName().toString().equals("chk-" + id)).findFirst().orElseThrow();
		}
		OperatorState operator = new OperatorState(uid + " operator", uid, OperatorIDGenerator.fromUid(uid), 1,
				MAX_PARALLELISM);
		operator.putState(0, subtask);
		try (OutputStream out = Files.newOutputStream(target.resolve("_metadata"))) {
			Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(operator), List.of()),
					new DataOutputStream(out));
		}
		return target;
	}

}
