package io.statefront.analytics;

import io.statefront.stock.StockLevel;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Alerts about the shop beside the bounce alerts: an item whose stock falls to the low level (once
 * each time it falls, not at every sale below it), a real visitor who left a cart without paying
 * (when the visit is over: at its end, or by the session gap's timer), and analytics' revenue
 * parting from the ledger's (once when the difference crosses its threshold, like the bounce rate,
 * or in the first window if it starts apart).
 *
 * <p>Carts left by simulated visitors raise nothing: there is no one to write to, and at the
 * simulator's rates they would drown the console's alerts.
 */
final class ShopAlerts {

	static final String LOW_STOCK = "LOW_STOCK";

	static final String CART_ABANDONED = "CART_ABANDONED";

	static final String REVENUE_MISMATCH = "REVENUE_MISMATCH";

	private ShopAlerts() {
	}

	static DataStream<Alert> lowStock(DataStream<StockLevel> levels, long lowLevel) {
		return levels.keyBy(StockLevel::itemId).process(new LowStock(lowLevel)).uid("low-stock-alerts").name("low stock");
	}

	static DataStream<Alert> cartsAbandoned(DataStream<SessionSummary> visits) {
		return visits.filter(visit -> visit.real() && visit.leftACart())
			.uid("carts-abandoned")
			.name("carts abandoned")
			.map(visit -> new Alert(CART_ABANDONED, visit.visitorId(), visit.end(), visit.pageViews(),
					"Visitor " + visit.visitorId() + " left a cart without paying, after " + visit.pageViews()
							+ " pages" + (visit.abandoned() ? " and no event since" : "")))
			.uid("cart-abandoned-alerts")
			.name("cart abandoned alerts");
	}

	/**
	 * A window whose revenue mismatch is above {@code threshold} when the one before was not, or
	 * when it is the first: the windows reach it in their order, from one window operator.
	 */
	static DataStream<Alert> revenueMismatch(DataStream<MetricResult> mismatches, double threshold) {
		return mismatches.keyBy(MetricResult::measurement)
			.process(new MismatchCrossing(threshold))
			.uid("revenue-mismatch-alerts")
			.name("revenue mismatch crossing");
	}

	/** Keeps each item's last stock (one number per item of the catalogue) to see it fall to the low level. */
	static final class LowStock extends KeyedProcessFunction<String, StockLevel, Alert> {

		private final long lowLevel;

		private transient ValueState<Long> last;

		LowStock(long lowLevel) {
			this.lowLevel = lowLevel;
		}

		@Override
		public void open(OpenContext openContext) {
			last = getRuntimeContext().getState(new ValueStateDescriptor<>("last-stock", Types.LONG));
		}

		@Override
		public void processElement(StockLevel level, Context context, Collector<Alert> out) throws Exception {
			Long before = last.value();
			last.update(level.stock());
			if (level.stock() <= lowLevel && (before == null || before > lowLevel)) {
				long at = (context.timestamp() != null) ? context.timestamp() : 0;
				out.collect(new Alert(LOW_STOCK, level.itemId(), at, level.stock(), "Item " + level.itemId() + " is down to "
						+ level.stock() + " in stock, at or below the low level of " + lowLevel));
			}
		}

	}

	static final class MismatchCrossing extends KeyedProcessFunction<String, MetricResult, Alert> {

		private final double threshold;

		private transient ValueState<Boolean> apartBefore;

		MismatchCrossing(double threshold) {
			this.threshold = threshold;
		}

		@Override
		public void open(OpenContext openContext) {
			apartBefore = getRuntimeContext().getState(new ValueStateDescriptor<>("apart-before", Types.BOOLEAN));
		}

		@Override
		public void processElement(MetricResult apart, Context context, Collector<Alert> out) throws Exception {
			boolean wasApart = Boolean.TRUE.equals(apartBefore.value());
			boolean isApart = apart.value() > threshold;
			apartBefore.update(isApart);
			if (!isApart || wasApart) {
				return;
			}
			out.collect(new Alert(REVENUE_MISMATCH, Alert.SITE, apart.windowEnd(), apart.value(), String.format(
					"Analytics' revenue and the ledger's paid orders differ by %.0f %% in the window ending %tT, above "
							+ "the threshold of %.0f %%",
					apart.value() * 100, apart.windowEnd(), threshold * 100)));
		}

	}

}
