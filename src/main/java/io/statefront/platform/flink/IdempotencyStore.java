package io.statefront.platform.flink;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import io.statefront.platform.kafka.Json;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Keyed state that remembers, per entity, the answers it gave to requests carrying an
 * idempotency key, so that a repeat is answered with the first answer instead of being applied
 * again. It keeps the most recent {@code capacity} keys per entity, evicted in arrival order, which
 * keeps it deterministic (no clocks, architecture rule 3) and bounded.
 *
 * @param <R> the answer type, stored as JSON
 */
public final class IdempotencyStore<R> {

	private final Class<R> answerType;

	private final int capacity;

	private final MapState<String, Applied> appliedByKey;

	private final MapState<Long, String> keysInArrivalOrder;

	private final ValueState<Long> arrivals;

	/** What was answered to one idempotency key, and to which request. */
	public record Applied(String fingerprint, String answerJson, long arrival) {
	}

	/** A repeat of an earlier request: the same key, and whether it asked the same thing. */
	public record Repeat<R>(boolean sameRequest, R firstAnswer) {
	}

	public IdempotencyStore(RuntimeContext context, String name, Class<R> answerType, int capacity) {
		this.answerType = answerType;
		this.capacity = capacity;
		this.appliedByKey = context
			.getMapState(new MapStateDescriptor<>(name + "-applied", Types.STRING, Types.POJO(Applied.class)));
		this.keysInArrivalOrder = context
			.getMapState(new MapStateDescriptor<>(name + "-arrivals", Types.LONG, Types.STRING));
		this.arrivals = context.getState(new ValueStateDescriptor<>(name + "-arrival-count", Types.LONG));
	}

	/** The earlier answer to {@code key}, if the current entity has seen it. */
	public Optional<Repeat<R>> repeatOf(String key, String fingerprint) throws Exception {
		Applied applied = appliedByKey.get(key);
		if (applied == null) {
			return Optional.empty();
		}
		return Optional.of(new Repeat<>(applied.fingerprint().equals(fingerprint),
				Json.read(applied.answerJson().getBytes(StandardCharsets.UTF_8), answerType)));
	}

	/**
	 * What to answer a request under {@code key} that the entity has seen before: the first answer
	 * when it asks the same thing, {@code keyReused} when it asks something else; empty for a new key.
	 */
	public Optional<R> answerToRepeat(String key, String fingerprint, Supplier<R> keyReused) throws Exception {
		return repeatOf(key, fingerprint).map(repeat -> repeat.sameRequest() ? repeat.firstAnswer() : keyReused.get());
	}

	public void remember(String key, String fingerprint, R answer) throws Exception {
		long arrival = (arrivals.value() == null) ? 0 : arrivals.value();
		appliedByKey.put(key, new Applied(fingerprint,
				new String(Json.write(answer), StandardCharsets.UTF_8), arrival));
		keysInArrivalOrder.put(arrival, key);
		arrivals.update(arrival + 1);
		long evicted = arrival - capacity;
		if (evicted >= 0) {
			String oldKey = keysInArrivalOrder.get(evicted);
			keysInArrivalOrder.remove(evicted);
			if (oldKey != null) {
				appliedByKey.remove(oldKey);
			}
		}
	}

}
