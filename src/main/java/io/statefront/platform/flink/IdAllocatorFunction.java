package io.statefront.platform.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands out entity ids: the next free integer, from 0, as a decimal string. All requests share one
 * key, so one instance sees them in one order and never hands out an id twice. The new entity is
 * opened by the command this function emits to the entity's own topic, whose function then
 * answers the waiting request. A request repeated under its idempotency key gets the id it got
 * the first time.
 *
 * @param <R> the create request
 * @param <C> the command that opens the entity
 */
public abstract class IdAllocatorFunction<R extends Traced<R>, C extends Traced<C>>
		extends KeyedProcessFunction<String, R, C> {

	/** Every create request is sent under this key. */
	public static final String KEY = "create";

	private static final int IDEMPOTENCY_KEYS = 100_000;

	private final String stateName;

	private transient ValueState<Long> nextId;

	private transient IdempotencyStore<String> idempotency;

	private final Horizons horizons;

	protected IdAllocatorFunction(String stateName, Horizons horizons) {
		this.stateName = stateName;
		this.horizons = horizons;
	}

	/** The client's idempotency key of the request, or null. */
	protected abstract String idempotencyKey(R request);

	/** The command that opens the entity with the id this request was given. */
	protected abstract C open(R request, String id);

	/**
	 * For a batch initialisation, which creates the entities {@code 0…n-1} itself: {@code n}, so
	 * that ids below it are never handed out; 0 for a request for one new id.
	 */
	protected abstract long reservesIdsBelow(R request);

	@Override
	public void open(OpenContext openContext) {
		nextId = getRuntimeContext().getState(new ValueStateDescriptor<>("next-" + stateName + "-id", Types.LONG));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "create-" + stateName, String.class,
				IDEMPOTENCY_KEYS, horizons);
	}

	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<C> out) throws Exception {
		idempotency.forgetExpired(horizons.forgettableBy(timestamp), context.timerService());
	}

	@Override
	public void processElement(R request, Context context, Collector<C> out) throws Exception {
		long reserved = reservesIdsBelow(request);
		if (reserved > 0) {
			long next = (nextId.value() == null) ? 0 : nextId.value();
			nextId.update(Math.max(next, reserved));
			return;
		}
		String key = idempotencyKey(request);
		String id = null;
		if (key != null) {
			id = idempotency.repeatOf(key, "create", Horizons.timeOf(context.timestamp())).map(IdempotencyStore.Repeat::firstAnswer).orElse(null);
		}
		if (id == null) {
			long next = (nextId.value() == null) ? 0 : nextId.value();
			nextId.update(next + 1);
			id = Long.toString(next);
			if (key != null) {
				idempotency.remember(key, "create", id, Horizons.timeOf(context.timestamp()), context.timerService());
			}
		}
		C opened = open(request, id);
		// the new entity's answer carries the request's trace on
		out.collect((request.trace() != null) ? opened.withTrace(request.trace()) : opened);
	}

}
