package io.statefront.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.statefront.order.RefusedCheckout;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * What only the shop can tell, per tumbling event-time window: the revenue lost to refused
 * checkouts (by reason and item), and analytics' revenue set against the ledger's paid orders.
 */
final class ShopWindows {

	static final String LOST_REVENUE = "lost_revenue";

	static final String REVENUE_RECONCILIATION = "revenue_reconciliation";

	/** The difference between the two sides as a share of the larger (0 when they agree). */
	static final String REVENUE_MISMATCH = "revenue_mismatch";

	static final String ANALYTICS = "analytics";

	static final String LEDGER = "ledger";

	static final String DIFFERENCE = "difference";

	private ShopWindows() {
	}

	static final class CountLostRevenue extends Tally<RefusedCheckout, LostRevenueCounts> {

		CountLostRevenue() {
			super(LostRevenueCounts::new);
		}

	}

	static final class LostRevenue extends ProcessAllWindowFunction<LostRevenueCounts, MetricResult, TimeWindow> {

		@Override
		public void process(Context context, Iterable<LostRevenueCounts> counts, Collector<MetricResult> out) {
			lostRevenue(context.window().getStart(), context.window().getEnd(), counts.iterator().next())
				.forEach(out::collect);
		}

	}

	static List<MetricResult> lostRevenue(long start, long end, LostRevenueCounts counts) {
		List<MetricResult> results = new ArrayList<>();
		new TreeMap<>(counts.creditsByReasonAndItem).forEach((key, credits) -> {
			int separator = key.indexOf(LostRevenueCounts.SEPARATOR);
			results.add(new MetricResult(LOST_REVENUE, start, end, credits, "reason", key.substring(0, separator), false,
					"item", key.substring(separator + 1)));
		});
		return results;
	}

	static final class CountRevenue extends Tally<RevenueEntry, RevenueCounts> {

		CountRevenue() {
			super(RevenueCounts::new);
		}

	}

	static final class Reconciliation extends ProcessAllWindowFunction<RevenueCounts, MetricResult, TimeWindow> {

		@Override
		public void process(Context context, Iterable<RevenueCounts> counts, Collector<MetricResult> out) {
			reconciliation(context.window().getStart(), context.window().getEnd(), counts.iterator().next())
				.forEach(out::collect);
		}

	}

	static List<MetricResult> reconciliation(long start, long end, RevenueCounts counts) {
		long difference = counts.ledger - counts.analytics;
		long larger = Math.max(counts.ledger, counts.analytics);
		return List.of(side(start, end, ANALYTICS, counts.analytics), side(start, end, LEDGER, counts.ledger),
				side(start, end, DIFFERENCE, difference),
				MetricResult.of(REVENUE_MISMATCH, start, end, (larger == 0) ? 0 : Math.abs(difference) / (double) larger));
	}

	private static MetricResult side(long start, long end, String side, long credits) {
		return new MetricResult(REVENUE_RECONCILIATION, start, end, credits, "side", side);
	}

}
