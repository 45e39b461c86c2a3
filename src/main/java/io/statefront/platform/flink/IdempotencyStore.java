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
import org.apache.flink.streaming.api.TimerService;

/**
 * Keyed state that remembers, per entity, the answers it gave to requests carrying an idempotency
 * key, so that a repeat is answered with the first answer instead of being applied again.
 *
 * <p>A key is remembered for {@code statefront.retention.idempotency-keys} from its first use, by
 * the clock of the function's input ({@link Horizons}): a repeat within that horizon gets the first
 * answer; from then on the key is a new request. Forgetting it is safe because the only messages that
 * can carry it later are a client's retries, and the horizon is what the API promises them; the
 * gateway's own duplicates and a restore's replay arrive within seconds or minutes. Keys are kept in
 * the order of their first use, so the oldest are the first to pass the horizon.
 *
 * <p>At most {@code capacity} keys are kept per entity, as a guard against a client flooding one
 * entity with new keys: beyond it the oldest key is forgotten early, and a retry of that key within
 * the horizon would be applied again (a client sending more than {@code capacity} keys to one entity
 * within the horizon is not retrying).
 *
 * @param <R> the answer type, stored as JSON
 */
public final class IdempotencyStore<R> {

	private final Class<R> answerType;

	private final int capacity;

	private final long horizonMs;

	private final Horizons horizons;

	private final MapState<String, Applied> appliedByKey;

	private final MapState<Long, String> keysInArrivalOrder;

	/** How many keys were ever remembered: the next key's arrival number. */
	private final ValueState<Long> arrivals;

	/** The arrival number of the oldest key still kept. */
	private final ValueState<Long> oldest;

	/**
	 * What was answered to one idempotency key, and to which request.
	 *
	 * @param firstUse the time of the message that first used the key ({@link Horizons#NO_TIME} if none)
	 */
	public record Applied(String fingerprint, String answerJson, long arrival, long firstUse) {
	}

	/** A repeat of an earlier request: the same key, and whether it asked the same thing. */
	public record Repeat<R>(boolean sameRequest, R firstAnswer) {
	}

	public IdempotencyStore(RuntimeContext context, String name, Class<R> answerType, int capacity, Horizons horizons) {
		this.answerType = answerType;
		this.capacity = capacity;
		this.horizons = horizons;
		this.horizonMs = horizons.idempotencyKeysMs();
		this.appliedByKey = context
			.getMapState(new MapStateDescriptor<>(name + "-applied", Types.STRING, Types.POJO(Applied.class)));
		this.keysInArrivalOrder = context
			.getMapState(new MapStateDescriptor<>(name + "-arrivals", Types.LONG, Types.STRING));
		this.arrivals = context.getState(new ValueStateDescriptor<>(name + "-arrival-count", Types.LONG));
		this.oldest = context.getState(new ValueStateDescriptor<>(name + "-oldest-arrival", Types.LONG));
	}

	/** The earlier answer to {@code key}, if the current entity has seen it within the horizon by {@code now}. */
	public Optional<Repeat<R>> repeatOf(String key, String fingerprint, long now) throws Exception {
		Applied applied = appliedByKey.get(key);
		if (applied == null || Horizons.passed(applied.firstUse(), horizonMs, now)) {
			return Optional.empty();
		}
		return Optional.of(new Repeat<>(applied.fingerprint().equals(fingerprint),
				Json.read(applied.answerJson().getBytes(StandardCharsets.UTF_8), answerType)));
	}

	/**
	 * What to answer a request under {@code key} that the entity has seen before: the first answer
	 * when it asks the same thing, {@code keyReused} when it asks something else; empty for a new key.
	 */
	public Optional<R> answerToRepeat(String key, String fingerprint, long now, Supplier<R> keyReused)
			throws Exception {
		return repeatOf(key, fingerprint, now).map(repeat -> repeat.sameRequest() ? repeat.firstAnswer() : keyReused.get());
	}

	/**
	 * Remembers the answer to {@code key}, first used at {@code now}, and asks {@code timers} to look
	 * again once it has passed the horizon ({@link #forgetExpired} then removes it).
	 */
	public void remember(String key, String fingerprint, R answer, long now, TimerService timers) throws Exception {
		forgetExpired(now, timers);
		long arrival = value(arrivals, 0);
		appliedByKey.put(key, new Applied(fingerprint, new String(Json.write(answer), StandardCharsets.UTF_8), arrival, now));
		keysInArrivalOrder.put(arrival, key);
		arrivals.update(arrival + 1);
		if (arrival + 1 - value(oldest, 0) > capacity) {
			forgetOldest();
		}
		if (Horizons.known(now)) {
			timers.registerEventTimeTimer(horizons.cleanupTime(now, horizonMs));
		}
	}

	/**
	 * Removes the keys that had passed the horizon by {@code now}, oldest first. The oldest key, if
	 * kept before keys had times, starts its horizon now (and so leaves one horizon later).
	 */
	public void forgetExpired(long now, TimerService timers) throws Exception {
		long first = value(oldest, 0);
		long end = value(arrivals, 0);
		long next = first;
		while (next < end) {
			String key = keysInArrivalOrder.get(next);
			Applied applied = (key != null) ? appliedByKey.get(key) : null;
			if (applied != null && applied.arrival() == next && !Horizons.passed(applied.firstUse(), horizonMs, now)) {
				if (!Horizons.known(applied.firstUse()) && Horizons.known(now)) {
					appliedByKey.put(key, new Applied(applied.fingerprint(), applied.answerJson(), next, now));
					timers.registerEventTimeTimer(horizons.cleanupTime(now, horizonMs));
				}
				break;
			}
			forget(next, key, applied);
			next++;
		}
		if (next == end) {
			// nothing left: the numbering may start again, and the entity holds no state for it
			arrivals.clear();
			oldest.clear();
		}
		else if (next != first) {
			oldest.update(next);
		}
	}

	/** Forgets every key, for an entity that is forgotten as a whole. */
	public void forgetAll() {
		appliedByKey.clear();
		keysInArrivalOrder.clear();
		arrivals.clear();
		oldest.clear();
	}

	/** The arrival of the oldest key, forgotten before its horizon because the entity holds too many. */
	private void forgetOldest() throws Exception {
		long first = value(oldest, 0);
		String key = keysInArrivalOrder.get(first);
		forget(first, key, (key != null) ? appliedByKey.get(key) : null);
		oldest.update(first + 1);
	}

	private void forget(long arrival, String key, Applied applied) throws Exception {
		keysInArrivalOrder.remove(arrival);
		// a key used again after it passed its horizon was remembered anew, under a later arrival
		if (applied != null && applied.arrival() == arrival) {
			appliedByKey.remove(key);
		}
	}

	private static long value(ValueState<Long> state, long absent) throws Exception {
		Long value = state.value();
		return (value != null) ? value : absent;
	}

}
