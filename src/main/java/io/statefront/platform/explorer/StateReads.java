package io.statefront.platform.explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the State Processor API's reads of one operator and streams their results back.
 *
 * <p>Where the batch job runs: in a local Flink environment of its own (a second, small MiniCluster in
 * this process), not on the cluster running the jobs. There it takes no task slot, no managed memory
 * and no network buffers from them, and it works the same when the jobs run on a remote cluster. It
 * runs with parallelism 1 and one slot, so a read keeps to about one core of the machine the jobs
 * share, and with little managed memory: RocksDB reads the state in its own small cache on local disk
 * rather than in the heap. Only a hashmap checkpoint is read into the heap (the hashmap backend is
 * the only one that reads it), which holds what the job's own heap held.
 */
final class StateReads {

	/** RocksDB's block cache and write buffers for a read: enough to stream through the state. */
	static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(64);

	/** How many keys an overview keeps to offer for a look-up. */
	static final int PAGE = 20;

	private static final int PROGRESS_EVERY = 500;

	private StateReads() {
	}

	/** Counts the operator's state key by key, telling {@code progress} how many keys it has read. */
	static StateFigures figures(Path folder, CheckpointLayout layout, OperatorLayout operator, LongConsumer progress)
			throws Exception {
		List<StateLayout> states = operator.readableStates();
		long keys = 0;
		long[] keysHolding = new long[states.size()];
		long[] entries = new long[states.size()];
		long[] bytes = new long[states.size()];
		List<String> page = new ArrayList<>();
		SavepointReader reader = SavepointReader.read(environment(), folder.toUri().toString(), backend(layout));
		try (CloseableIterator<Tuple3<String, long[], long[]>> read = reader
			.readKeyedState(OperatorIdentifier.forUid(operator.uid()), new StateFiguresReader(states),
					keyType(operator.keySerializer()),
					Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.LONG), Types.PRIMITIVE_ARRAY(Types.LONG)))
			.executeAndCollect("explore " + operator.uid())) {
			while (read.hasNext()) {
				Tuple3<String, long[], long[]> key = read.next();
				keys++;
				for (int i = 0; i < states.size(); i++) {
					keysHolding[i] += (key.f1[i] > 0) ? 1 : 0;
					entries[i] += key.f1[i];
					bytes[i] += key.f2[i];
				}
				if (page.size() < PAGE) {
					page.add(key.f0);
				}
				if (keys % PROGRESS_EVERY == 0) {
					progress.accept(keys);
				}
			}
		}
		progress.accept(keys);
		List<StateFigures.Counted> counted = new ArrayList<>();
		for (int i = 0; i < states.size(); i++) {
			counted.add(new StateFigures.Counted(states.get(i).name(), states.get(i).kind(), keysHolding[i], entries[i],
					bytes[i]));
		}
		return new StateFigures(keys, counted, page);
	}

	/** The state {@code key} holds in the operator, each state as JSON, by name; empty when it holds none. */
	static Map<String, String> lookUp(Path folder, CheckpointLayout layout, OperatorLayout operator, String key)
			throws Exception {
		Map<String, String> found = new LinkedHashMap<>();
		StreamExecutionEnvironment environment = environment();
		// the State Processor API's source (2.2.0) passes on a null for each key its reader emitted
		// nothing for; unchained copies would fail on it, so objects are passed on as they are and
		// the nulls dropped
		environment.getConfig().enableObjectReuse();
		SavepointReader reader = SavepointReader.read(environment, folder.toUri().toString(), backend(layout));
		try (CloseableIterator<Tuple2<String, String>> read = reader
			.readKeyedState(OperatorIdentifier.forUid(operator.uid()),
					new KeyStateReader(operator.readableStates(), key), keyType(operator.keySerializer()),
					Types.TUPLE(Types.STRING, Types.STRING))
			.filter(Objects::nonNull)
			.executeAndCollect("look up " + operator.uid())) {
			read.forEachRemaining(state -> found.put(state.f0, state.f1));
		}
		return found;
	}

	private static StreamExecutionEnvironment environment() {
		Configuration config = new Configuration();
		config.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
		config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
		config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(16));
		config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(16));
		return StreamExecutionEnvironment.createLocalEnvironment(1, config);
	}

	private static StateBackend backend(CheckpointLayout layout) {
		return (layout.format() == CheckpointLayout.Format.FULL) ? new HashMapStateBackend()
				: new EmbeddedRocksDBStateBackend();
	}

	@SuppressWarnings("unchecked")
	private static TypeInformation<Object> keyType(TypeSerializer<?> serializer) {
		Object sample = serializer.createInstance();
		TypeInformation<?> type = (sample != null) ? BasicTypeInfo.getInfoFor(sample.getClass()) : null;
		if (type == null) {
			throw new IllegalArgumentException("The explorer reads keys of basic types only, not "
					+ serializer.getClass().getSimpleName());
		}
		return (TypeInformation<Object>) type;
	}

}
