package io.statefront.platform.explorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractIncrementalStateHandle;
import org.apache.flink.runtime.state.KeyGroupsSavepointStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonOptionsKeys;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonSerializerKeys;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a checkpoint or savepoint holds from its metadata alone: the operators, their sizes,
 * and the names, kinds and serializers of their state. The keyed state's description is the header
 * every keyed snapshot starts with (Flink's {@link KeyedBackendSerializationProxy}): at the start of a
 * full snapshot's stream (a hashmap checkpoint, any savepoint), in its own file for an incremental
 * RocksDB checkpoint. Reading it takes one small file per operator, not the state itself.
 */
final class CheckpointLayouts {

	private CheckpointLayouts() {
	}

	/** What the checkpoint or savepoint at {@code location} (the folder holding {@code _metadata}) holds. */
	static CheckpointLayout read(String location) throws IOException {
		CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(location);
		List<OperatorLayout> operators = new ArrayList<>();
		CheckpointLayout.Format format = CheckpointLayout.Format.FULL;
		for (OperatorState operator : metadata.getOperatorStates()) {
			Optional<KeyedStateHandle> keyed = operator.getStates()
				.stream()
				.flatMap(subtask -> subtask.getManagedKeyedState().stream())
				.findFirst();
			if (keyed.filter(AbstractIncrementalStateHandle.class::isInstance).isPresent()) {
				format = CheckpointLayout.Format.INCREMENTAL;
			}
			else if (keyed.filter(KeyGroupsSavepointStateHandle.class::isInstance).isPresent()) {
				format = CheckpointLayout.Format.CANONICAL;
			}
			operators.add(layout(operator, keyed.orElse(null)));
		}
		operators.sort(Comparator.comparing(OperatorLayout::uid));
		return new CheckpointLayout(metadata.getCheckpointId(), format, operators);
	}

	private static OperatorLayout layout(OperatorState operator, @Nullable KeyedStateHandle keyed) throws IOException {
		String uid = operator.getOperatorUid().orElse(operator.getOperatorID().toHexString());
		TreeSet<String> operatorStates = new TreeSet<>();
		for (OperatorSubtaskState subtask : operator.getStates()) {
			subtask.getManagedOperatorState()
				.forEach(handle -> operatorStates.addAll(handle.getStateNameToPartitionOffsets().keySet()));
		}
		if (keyed == null) {
			return new OperatorLayout(uid, operator.getOperatorName().orElse(null), operator.getStateSize(),
					operator.getParallelism(), null, List.of(), List.copyOf(operatorStates));
		}
		KeyedBackendSerializationProxy<?> header = header(keyed);
		List<StateLayout> states = header.getStateMetaInfoSnapshots()
			.stream()
			.map(CheckpointLayouts::state)
			.sorted(Comparator.comparing(StateLayout::name))
			.toList();
		return new OperatorLayout(uid, operator.getOperatorName().orElse(null), operator.getStateSize(),
				operator.getParallelism(), header.getKeySerializerSnapshot().restoreSerializer(), states,
				List.copyOf(operatorStates));
	}

	private static KeyedBackendSerializationProxy<?> header(KeyedStateHandle keyed) throws IOException {
		StreamStateHandle stream;
		if (keyed instanceof AbstractIncrementalStateHandle incremental) {
			stream = incremental.getMetaDataStateHandle();
		}
		else if (keyed instanceof KeyGroupsStateHandle full) {
			stream = full;
		}
		else {
			throw new IOException("Keyed state of a kind the explorer cannot read: " + keyed.getClass().getSimpleName());
		}
		KeyedBackendSerializationProxy<?> header = new KeyedBackendSerializationProxy<>(
				CheckpointLayouts.class.getClassLoader());
		try (FSDataInputStream in = stream.openInputStream()) {
			header.read(new DataInputViewStreamWrapper(in));
		}
		return header;
	}

	private static StateLayout state(StateMetaInfoSnapshot snapshot) {
		if (snapshot.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE) {
			return new StateLayout(snapshot.getName(), StateLayout.Kind.TIMERS, null);
		}
		TypeSerializerSnapshot<?> namespace = snapshot.getTypeSerializerSnapshot(CommonSerializerKeys.NAMESPACE_SERIALIZER);
		// state in a namespace (a window's) is not what a keyed reader sees: named, not read
		if (namespace == null || !(namespace.restoreSerializer() instanceof VoidNamespaceSerializer)) {
			return new StateLayout(snapshot.getName(), StateLayout.Kind.OTHER, null);
		}
		StateLayout.Kind kind = switch (String.valueOf(snapshot.getOption(CommonOptionsKeys.KEYED_STATE_TYPE))) {
			case "VALUE" -> StateLayout.Kind.VALUE;
			case "MAP" -> StateLayout.Kind.MAP;
			case "LIST" -> StateLayout.Kind.LIST;
			default -> StateLayout.Kind.OTHER;
		};
		TypeSerializerSnapshot<?> values = snapshot.getTypeSerializerSnapshot(CommonSerializerKeys.VALUE_SERIALIZER);
		TypeSerializer<?> serializer = (values != null && kind != StateLayout.Kind.OTHER) ? values.restoreSerializer() : null;
		return new StateLayout(snapshot.getName(), kind, serializer);
	}

}
