package io.statefront.platform.explorer;

import java.util.List;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.jspecify.annotations.Nullable;

/**
 * One operator of a checkpoint, as its metadata says: who it is, how large its state is, and the
 * names of what it keeps.
 *
 * @param uid the uid the job gave it (the hash of it where the checkpoint does not name it)
 * @param name its name in the job graph, where the checkpoint records one
 * @param stateSize the bytes its state takes in the checkpoint (its full size, shared files included)
 * @param parallelism how many subtasks wrote it
 * @param keySerializer what its keys were written with; null for an operator without keyed state
 * @param keyedStates its keyed state, by name
 * @param operatorStates the names of its operator (non-keyed) state, such as a Kafka source's splits
 */
public record OperatorLayout(String uid, @Nullable String name, long stateSize, int parallelism,
		@Nullable TypeSerializer<?> keySerializer, List<StateLayout> keyedStates, List<String> operatorStates) {

	public boolean keyed() {
		return keySerializer != null;
	}

	public List<StateLayout> readableStates() {
		return keyedStates.stream().filter(StateLayout::readable).toList();
	}

}
