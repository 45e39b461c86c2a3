package io.statefront.analytics;

import java.time.Duration;

import io.statefront.order.ArchivedOrder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The ledger's side of the revenue reconciliation: each paid order once, keyed by order id. The
 * archive's topic may hold an order twice: the functions' sink writes again, after a restore of that
 * job, what it wrote after its restore point.
 *
 * <p>An order's id is remembered until event time passes the end of the reconciliation window its
 * payment falls in, and {@code horizon} more; an order read after that is not counted, as a late
 * event is not for any window of this job. So the state holds the orders of the last few minutes, not
 * an hour of the shop's sales, which every checkpoint of this job would write out. Forgetting is safe
 * because a copy carries its order's payment time, from after the functions' restore point:
 * <ul>
 * <li>while this job runs on, a copy read after the horizon is late, and dropped here;</li>
 * <li>when both jobs restore (a restart), this job's event time starts again from nothing, and a copy
 * is found only by the ids its own restore point holds: those paid within {@code horizon} of that
 * point's event time, which covers the functions' restore point unless the two are further apart than
 * the horizon (they are checkpointed every few seconds).</li>
 * </ul>
 * The state's time to live (processing time, the window and the horizon) ends an id if event time
 * stops; it is also what keeps checkpoints of the builds that had only it restorable (Flink refuses a
 * state whose time to live was switched off).
 */
final class PaidOrders extends KeyedProcessFunction<String, ArchivedOrder, RevenueEntry> {

	private final long window;

	private final Duration horizon;

	private transient ValueState<Boolean> counted;

	PaidOrders(Duration window, Duration horizon) {
		this.window = window.toMillis();
		this.horizon = horizon;
	}

	@Override
	public void open(OpenContext openContext) {
		ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("counted", Types.BOOLEAN);
		descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon.plusMillis(window)).build());
		counted = getRuntimeContext().getState(descriptor);
	}

	@Override
	public void processElement(ArchivedOrder order, Context context, Collector<RevenueEntry> out) throws Exception {
		long forgetAt = TimeWindow.getWindowStartWithOffset(order.paidAt(), 0, window) + window - 1
				+ horizon.toMillis();
		if (forgetAt <= context.timerService().currentWatermark() || counted.value() != null) {
			return;
		}
		counted.update(Boolean.TRUE);
		context.timerService().registerEventTimeTimer(forgetAt);
		out.collect(new RevenueEntry(true, order.totalCost()));
	}

	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<RevenueEntry> out) {
		counted.clear();
	}

}
