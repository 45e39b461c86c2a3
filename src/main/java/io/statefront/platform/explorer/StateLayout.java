package io.statefront.platform.explorer;

import java.io.Serializable;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.jspecify.annotations.Nullable;

/**
 * One named piece of an operator's keyed state, as the checkpoint describes it: its kind and the
 * serializers it was written with, restored from the checkpoint itself, so the explorer reads any
 * job's state without knowing its types.
 *
 * @param name the state descriptor's name
 * @param kind value, map, list, or timers (which the explorer names but does not read)
 * @param serializer what the values were written with (for a map, its map serializer); null for timers
 */
public record StateLayout(String name, Kind kind, @Nullable TypeSerializer<?> serializer) implements Serializable {

	public enum Kind {

		VALUE, MAP, LIST, TIMERS, OTHER;

		/** Whether the explorer reads its entries (timers and other kinds it only names). */
		boolean readable() {
			return this == VALUE || this == MAP || this == LIST;
		}

	}

	public boolean readable() {
		return kind.readable() && serializer != null;
	}

}
