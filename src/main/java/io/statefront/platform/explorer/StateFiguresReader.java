package io.statefront.platform.explorer;

import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * For each key of an operator, one small record: the key, and per state how many entries it holds
 * for the key and how many bytes they take serialized. The driver adds these up as they stream in,
 * so no key stays in memory beyond the page it keeps.
 */
final class StateFiguresReader extends KeyedStateReaderFunction<Object, Tuple3<String, long[], long[]>> {

	private static final long serialVersionUID = 1L;

	private final List<StateLayout> layouts;

	private transient List<State> states;

	private transient DataOutputSerializer buffer;

	StateFiguresReader(List<StateLayout> layouts) {
		this.layouts = List.copyOf(layouts);
	}

	@Override
	public void open(OpenContext openContext) {
		states = KeyedStates.register(layouts, getRuntimeContext());
		buffer = new DataOutputSerializer(256);
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void readKey(Object key, Context context, Collector<Tuple3<String, long[], long[]>> out) throws Exception {
		long[] entries = new long[states.size()];
		long[] bytes = new long[states.size()];
		for (int i = 0; i < states.size(); i++) {
			State state = states.get(i);
			TypeSerializer serializer = layouts.get(i).serializer();
			if (state instanceof ValueState<?> value) {
				Object held = value.value();
				if (held != null) {
					entries[i] = 1;
					bytes[i] = size(serializer, held);
				}
			}
			else if (state instanceof MapState<?, ?> map) {
				MapSerializer mapSerializer = (MapSerializer) serializer;
				for (Map.Entry<?, ?> entry : map.entries()) {
					entries[i]++;
					bytes[i] += size(mapSerializer.getKeySerializer(), entry.getKey())
							+ size(mapSerializer.getValueSerializer(), entry.getValue());
				}
			}
			else if (state instanceof ListState<?> list) {
				TypeSerializer element = ((ListSerializer) serializer).getElementSerializer();
				for (Object held : list.get()) {
					entries[i]++;
					bytes[i] += size(element, held);
				}
			}
		}
		out.collect(Tuple3.of(String.valueOf(key), entries, bytes));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private long size(TypeSerializer serializer, Object value) throws java.io.IOException {
		buffer.clear();
		serializer.serialize(value, buffer);
		return buffer.length();
	}

}
