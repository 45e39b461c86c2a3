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
 * archive's topic may hold an order twice (the functions' sink is at least once after a restore,
 * and the analytics job may read the topic again after its own).
 *
 * <p>An order's id is remembered until the watermark passes the end of the reconciliation window its
 * payment falls in, and a copy read after that is not counted: it is late for the window it would
 * count in. So the state holds the orders paid in the last window or two, not an hour of the shop's
 * sales. Forgetting is safe because a copy carries its order's payment time, whenever it is read
 * again: after any restore or outage it is as late as the first copy was, never on time for a window
 * still open. The time to live, {@code statefront.analytics.paid-order-horizon}, is the descriptor's
 * since before the windows' end did the forgetting: it stays, unchanged, so that checkpoints taken
 * then still restore (Flink refuses a state whose time to live changed), and it ends an id only if
 * event time stops.
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
		descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon).build());
		counted = getRuntimeContext().getState(descriptor);
	}

	@Override
	public void processElement(ArchivedOrder order, Context context, Collector<RevenueEntry> out) throws Exception {
		long lastOfWindow = TimeWindow.getWindowStartWithOffset(order.paidAt(), 0, window) + window - 1;
		if (lastOfWindow <= context.timerService().currentWatermark() || counted.value() != null) {
			return;
		}
		counted.update(Boolean.TRUE);
		context.timerService().registerEventTimeTimer(lastOfWindow);
		out.collect(new RevenueEntry(true, order.totalCost()));
	}

	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<RevenueEntry> out) {
		counted.clear();
	}

}
