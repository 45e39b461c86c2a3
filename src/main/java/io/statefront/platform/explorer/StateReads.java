package io.statefront.platform.explorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the State Processor API's reads of a restore point's keyed operators and streams their
 * results back.
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

	/**
	 * Counts each operator's state key by key, all in one Flink job (one environment started, the
	 * operators read side by side), telling {@code progress} how many keys it has read in all.
	 */
	static Map<String, StateFigures> figures(String location, CheckpointLayout layout, List<OperatorLayout> operators,
			LongConsumer progress) throws Exception {
		if (operators.isEmpty()) {
			return Map.of();
		}
		SavepointReader reader = SavepointReader.read(environment(), location, backend(layout));
		TypeInformation<Tuple4<Integer, String, long[], long[]>> counted = Types.TUPLE(Types.INT, Types.STRING,
				Types.PRIMITIVE_ARRAY(Types.LONG), Types.PRIMITIVE_ARRAY(Types.LONG));
		DataStream<Tuple4<Integer, String, long[], long[]>> all = null;
		List<Tally> tallies = new ArrayList<>();
		for (OperatorLayout operator : operators) {
			int index = tallies.size();
			tallies.add(new Tally(operator.readableStates()));
			DataStream<Tuple4<Integer, String, long[], long[]>> read = reader
				.readKeyedState(OperatorIdentifier.forUid(operator.uid()), new StateFiguresReader(operator.readableStates()),
						keyType(operator.keySerializer()),
						Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.LONG), Types.PRIMITIVE_ARRAY(Types.LONG)))
				.map(new Indexed(index))
				.returns(counted);
			all = (all == null) ? read : all.union(read);
		}
		long keys = 0;
		try (CloseableIterator<Tuple4<Integer, String, long[], long[]>> read = all
			.executeAndCollect("count the state of " + layout.checkpointId())) {
			while (read.hasNext()) {
				Tuple4<Integer, String, long[], long[]> key = read.next();
				tallies.get(key.f0).add(key.f1, key.f2, key.f3);
				if (++keys % PROGRESS_EVERY == 0) {
					progress.accept(keys);
				}
			}
		}
		progress.accept(keys);
		Map<String, StateFigures> figures = new LinkedHashMap<>();
		for (int i = 0; i < operators.size(); i++) {
			figures.put(operators.get(i).uid(), tallies.get(i).figures());
		}
		return figures;
	}

	/** Tags each key's figures with the operator they are of. */
	private record Indexed(int index)
			implements MapFunction<Tuple3<String, long[], long[]>, Tuple4<Integer, String, long[], long[]>> {

		@Override
		public Tuple4<Integer, String, long[], long[]> map(Tuple3<String, long[], long[]> key) {
			return Tuple4.of(index, key.f0, key.f1, key.f2);
		}

	}

	/** One operator's figures, added up key by key as they stream in, with the first keys as a page. */
	private static final class Tally {

		private final List<StateLayout> states;

		private final long[] keysHolding;

		private final long[] entries;

		private final long[] bytes;

		private final List<String> page = new ArrayList<>();

		private long keys;

		Tally(List<StateLayout> states) {
			this.states = states;
			this.keysHolding = new long[states.size()];
			this.entries = new long[states.size()];
			this.bytes = new long[states.size()];
		}

		void add(String key, long[] keyEntries, long[] keyBytes) {
			keys++;
			for (int i = 0; i < states.size(); i++) {
				keysHolding[i] += (keyEntries[i] > 0) ? 1 : 0;
				entries[i] += keyEntries[i];
				bytes[i] += keyBytes[i];
			}
			if (page.size() < PAGE) {
				page.add(key);
			}
		}

		StateFigures figures() {
			List<StateFigures.Counted> counted = new ArrayList<>();
			for (int i = 0; i < states.size(); i++) {
				counted.add(new StateFigures.Counted(states.get(i).name(), states.get(i).kind(), keysHolding[i], entries[i],
						bytes[i]));
			}
			return new StateFigures(keys, counted, List.copyOf(page));
		}

	}

	/** The state {@code key} holds in the operator, each state as JSON, by name; empty when it holds none. */
	static Map<String, String> lookUp(String location, CheckpointLayout layout, OperatorLayout operator, String key)
			throws Exception {
		Map<String, String> found = new LinkedHashMap<>();
		StreamExecutionEnvironment environment = environment();
		// the State Processor API's source (2.2.0) passes on a null for each key its reader emitted
		// nothing for; unchained copies would fail on it, so objects are passed on as they are and
		// the nulls dropped
		environment.getConfig().enableObjectReuse();
		SavepointReader reader = SavepointReader.read(environment, location, backend(layout));
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
		// a class path entry of its own makes Flink load the job's classes with a user class loader whose
		// parent is the application's: in the packaged (nested) jar the system class loader sees only
		// the launcher (docs/operations.md, the MiniCluster does the same)
		config.set(PipelineOptions.CLASSPATHS, List.of(EmptyClasspathEntry.URL));
		return StreamExecutionEnvironment.createLocalEnvironment(1, config);
	}

	/** An empty folder, made once. */
	private static final class EmptyClasspathEntry {

		static final String URL = create();

		private static String create() {
			try {
				Path empty = Files.createTempDirectory("statefront-explorer-classpath");
				empty.toFile().deleteOnExit();
				return empty.toUri().toURL().toString();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

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
