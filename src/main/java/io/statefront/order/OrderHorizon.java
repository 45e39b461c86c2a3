package io.statefront.order;

import io.statefront.platform.flink.Horizons;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * When an order leaves the order function's state (see {@link OrderFunction}): a settled one (paid,
 * or its CREATE refused) {@code finished-orders} after it was settled, an unpaid one
 * {@code open-orders} after its last change, by the clock of the order's input ({@link Horizons}).
 * Whether it waits for a saga's answers is the function's to say: such an order is never forgotten.
 */
final class OrderHorizon {

	private final Horizons horizons;

	/** When the order was paid, or its CREATE refused: the start of its finished-orders horizon. */
	private final ValueState<Long> settledAt;

	/** When a message last changed the unpaid order: the start of its open-orders horizon. */
	private final ValueState<Long> changedAt;

	OrderHorizon(RuntimeContext context, Horizons horizons) {
		this.horizons = horizons;
		this.settledAt = context.getState(new ValueStateDescriptor<>("settled-at", Types.LONG));
		this.changedAt = context.getState(new ValueStateDescriptor<>("changed-at", Types.LONG));
	}

	/** Whether an order not waiting for answers had passed its horizon by {@code now}. */
	boolean passed(long now) throws Exception {
		Long settled = settledAt.value();
		if (settled != null) {
			return Horizons.passed(settled, horizons.finishedOrdersMs(), now);
		}
		Long changed = changedAt.value();
		return changed != null && Horizons.passed(changed, horizons.openOrdersMs(), now);
	}

	boolean settled() throws Exception {
		return settledAt.value() != null;
	}

	/** When a paid order was paid (it was settled then); {@link Horizons#NO_TIME} if not known. */
	long paidAt() throws Exception {
		Long settled = settledAt.value();
		return (settled != null) ? settled : Horizons.NO_TIME;
	}

	/** The order is settled at {@code now}: its finished-orders horizon starts. */
	void settle(long now, TimerService timers) throws Exception {
		if (Horizons.known(now)) {
			settledAt.update(now);
			timers.registerEventTimeTimer(horizons.cleanupTime(now, horizons.finishedOrdersMs()));
		}
	}

	/** A message changed the unpaid order at {@code now}: its open-orders horizon starts again. */
	void changed(long now, TimerService timers) throws Exception {
		if (Horizons.known(now)) {
			changedAt.update(now);
			timers.registerEventTimeTimer(horizons.cleanupTime(now, horizons.openOrdersMs()));
		}
	}

	/** For an order set outright (unpaid): whatever settled its id before no longer holds. */
	void unsettle() {
		settledAt.clear();
	}

	void clear() {
		settledAt.clear();
		changedAt.clear();
	}

}
