package io.statefront.platform.explorer;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;

/**
 * An operator's readable keyed states, registered in a State Processor API reader under the names
 * and with the serializers the checkpoint wrote them with (so the stored serializers are compatible as
 * they are, TTL wrappers included: a value of a state with a time-to-live reads as Flink's
 * {@code TtlValue}).
 */
final class KeyedStates {

	private KeyedStates() {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static List<State> register(List<StateLayout> layouts, RuntimeContext context) {
		List<State> states = new ArrayList<>();
		for (StateLayout layout : layouts) {
			TypeSerializer serializer = layout.serializer();
			states.add(switch (layout.kind()) {
				case VALUE -> context.getState(new ValueStateDescriptor<>(layout.name(), serializer));
				case MAP -> {
					MapSerializer map = (MapSerializer) serializer;
					yield context.getMapState(new MapStateDescriptor<>(layout.name(), map.getKeySerializer(),
							map.getValueSerializer()));
				}
				case LIST -> context.getListState(
						new ListStateDescriptor<>(layout.name(), ((ListSerializer) serializer).getElementSerializer()));
				default -> throw new IllegalArgumentException("Not a readable state: " + layout);
			});
		}
		return states;
	}

}
