package io.statefront.analytics;

import java.time.Duration;

import io.statefront.order.ArchivedOrder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The ledger's side of the revenue reconciliation: each paid order once, keyed by order id. The
 * archive's topic may hold an order twice (the functions' sink is at least once after a restore,
 * and the analytics job may read the topic again after its own); an order's id is remembered for
 * {@code statefront.analytics.paid-order-horizon}, longer than any such repeat comes after the first.
 */
final class PaidOrders extends KeyedProcessFunction<String, ArchivedOrder, RevenueEntry> {

	private final Duration horizon;

	private transient ValueState<Boolean> counted;

	PaidOrders(Duration horizon) {
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
		if (counted.value() == null) {
			counted.update(Boolean.TRUE);
			out.collect(new RevenueEntry(true, order.totalCost()));
		}
	}

}
