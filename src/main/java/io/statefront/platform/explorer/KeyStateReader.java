package io.statefront.platform.explorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.ttl.TtlValue;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One key's state, each state as JSON (a map or list shows its first {@link #SHOWN} entries), with its
 * timers; every other key is passed over. The State Processor API has no lookup by key: it reads an
 * operator's keys in turn, and this reader answers for the one asked for.
 */
final class KeyStateReader extends KeyedStateReaderFunction<Object, Tuple2<String, String>> {

	private static final long serialVersionUID = 1L;

	static final int SHOWN = 100;

	static final String EVENT_TIME_TIMERS = "(event-time timers)";

	private final List<StateLayout> layouts;

	private final String wanted;

	private transient List<State> states;

	private transient JsonMapper json;

	KeyStateReader(List<StateLayout> layouts, String wanted) {
		this.layouts = List.copyOf(layouts);
		this.wanted = wanted;
	}

	@Override
	public void open(OpenContext openContext) {
		states = KeyedStates.register(layouts, getRuntimeContext());
		json = JsonMapper.builder().build();
	}

	@Override
	public void readKey(Object key, Context context, Collector<Tuple2<String, String>> out) throws Exception {
		if (!wanted.equals(String.valueOf(key))) {
			return;
		}
		for (int i = 0; i < states.size(); i++) {
			Object held = held(states.get(i));
			if (held != null) {
				out.collect(Tuple2.of(layouts.get(i).name(), json.writeValueAsString(held)));
			}
		}
		Set<Long> timers = context.registeredEventTimeTimers();
		if (!timers.isEmpty()) {
			out.collect(Tuple2.of(EVENT_TIME_TIMERS, json.writeValueAsString(timers.stream().sorted().limit(SHOWN).toList())));
		}
	}

	private static @Nullable Object held(State state) throws Exception {
		if (state instanceof ValueState<?> value) {
			return unwrap(value.value());
		}
		if (state instanceof MapState<?, ?> map) {
			Map<String, Object> shown = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entries()) {
				if (shown.size() == SHOWN) {
					break;
				}
				shown.put(String.valueOf(entry.getKey()), unwrap(entry.getValue()));
			}
			return shown.isEmpty() ? null : shown;
		}
		if (state instanceof ListState<?> list) {
			List<Object> shown = new ArrayList<>();
			for (Object element : list.get()) {
				if (shown.size() == SHOWN) {
					break;
				}
				shown.add(unwrap(element));
			}
			return shown.isEmpty() ? null : shown;
		}
		return null;
	}

	private static @Nullable Object unwrap(@Nullable Object value) {
		return (value instanceof TtlValue<?> ttl) ? ttl.getUserValue() : value;
	}

}
