package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import io.statefront.order.ArchivedOrder;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.RefusedCheckout;
import io.statefront.stock.StockLevel;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What only the shop can show, from the wired analytics job on a local MiniCluster against hand
 * counts: revenue lost to refused checkouts, analytics' revenue reconciled with the ledger's paid
 * orders, and the low-stock, cart-abandoned and revenue-mismatch alerts.
 */
class ShopFiguresTest {

	private static final SessionData BERLIN = new SessionData("test", "10.0.0.1", "DE", "Berlin", "desktop", "Firefox",
			"Linux");

	private static final List<RefusedCheckout> REFUSALS = List.of(refusal("r1", Outcome.INSUFFICIENT_STOCK, "7", 30, 1_000),
			refusal("r2", Outcome.INSUFFICIENT_STOCK, "7", 20, 2_000),
			refusal("r3", Outcome.INSUFFICIENT_CREDIT, "42", 50, 3_000),
			// an item gone is not a sale the shop could have made
			refusal("r4", Outcome.ITEM_NOT_FOUND, "9", 10, 4_000), refusal("r5", Outcome.INSUFFICIENT_STOCK, "8", 15, 11_000));

	private static final List<ArchivedOrder> PAID = List.of(paid("o1", 40, 1_100), paid("o2", 60, 2_100),
			// the archive's copy read again: counted once
			paid("o1", 40, 1_100), paid("o3", 25, 12_000));

	private static final List<WebsiteEvent> EVENTS = List.of(conversion("a", 40, 1_000, false),
			conversion("b", 60, 2_000, false),
			// the simulator's conversions are no one's orders
			conversion("s", 100, 1_500, true),
			// c put something in the cart and left; d paid; e is simulated
			page("c", "/shop/cart/items", 5_000, false), end("c", 6_000, false), page("d", "/shop/cart/items", 5_000, false),
			conversion("d", 10, 5_500, false), end("d", 6_000, false), page("e", "/shop/cart/items", 5_000, true),
			end("e", 6_000, true),
			// moves event time on
			page("f", "/", 30_000, false));

	private static final List<StockLevel> LEVELS = List.of(new StockLevel("7", 10, 5), new StockLevel("7", 6, 5),
			new StockLevel("7", 5, 5), new StockLevel("7", 3, 5), new StockLevel("7", 8, 5), new StockLevel("7", 2, 5),
			new StockLevel("8", 1, 5));

	@Test
	void countsTheRevenueLostToRefusedCheckoutsByReasonAndItem() throws Exception {
		List<MetricResult> lost = metrics(ShopWindows.LOST_REVENUE);

		assertThat(lost).extracting(MetricResult::windowEnd, MetricResult::tagValue, MetricResult::detailValue,
				MetricResult::value)
			.containsExactly(tuple(10_000L, "insufficient_credit", "(whole cart)", 50.0),
					tuple(10_000L, "out_of_stock", "7", 50.0), tuple(20_000L, "out_of_stock", "8", 15.0));
	}

	@Test
	void setsRealVisitsRevenueAgainstTheLedgersPaidOrdersOverTheSameWindow() throws Exception {
		assertThat(metrics(ShopWindows.REVENUE_RECONCILIATION)).extracting(MetricResult::windowEnd,
				MetricResult::tagValue, MetricResult::value)
			.containsExactly(tuple(10_000L, "analytics", 110.0), tuple(10_000L, "ledger", 100.0),
					tuple(10_000L, "difference", -10.0), tuple(20_000L, "analytics", 0.0),
					tuple(20_000L, "ledger", 25.0), tuple(20_000L, "difference", 25.0));
		assertThat(metrics(ShopWindows.REVENUE_MISMATCH)).extracting(MetricResult::windowEnd, MetricResult::value)
			.containsExactly(tuple(10_000L, 10 / 110.0), tuple(20_000L, 1.0));
	}

	@Test
	void alertsOnLowStockOnceEachFallOnCartsRealVisitorsLeftAndOnRevenueParting() throws Exception {
		List<Alert> alerts = wired().alerts().executeAndCollect(100);

		assertThat(alerts).filteredOn(alert -> alert.type().equals(ShopAlerts.LOW_STOCK))
			.extracting(Alert::key, Alert::value)
			.containsExactlyInAnyOrder(tuple("7", 5.0), tuple("7", 2.0), tuple("8", 1.0));
		assertThat(alerts).filteredOn(alert -> alert.type().equals(ShopAlerts.CART_ABANDONED))
			.extracting(Alert::key, Alert::timestamp)
			.containsExactly(tuple("c", 6_000L));
		// 9 % apart in the first window (under 10 %), all apart in the second
		assertThat(alerts).filteredOn(alert -> alert.type().equals(ShopAlerts.REVENUE_MISMATCH))
			.extracting(Alert::timestamp, Alert::value)
			.containsExactly(tuple(20_000L, 1.0));
	}

	private static List<MetricResult> metrics(String measurement) throws Exception {
		return wired().metrics()
			.filter(result -> result.measurement().equals(measurement))
			.executeAndCollect(100)
			.stream()
			.sorted(java.util.Comparator.comparingLong(MetricResult::windowEnd))
			.toList();
	}

	private static AnalyticsJob.Outputs wired() {
		Configuration configuration = new Configuration();
		configuration.set(PipelineOptions.GENERIC_TYPES, false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		AnalyticsJob.ShopStreams shop = new AnalyticsJob.ShopStreams(
				env.fromData(REFUSALS).assignTimestampsAndWatermarks(timed(RefusedCheckout::refusedAt)),
				env.fromData(PAID).assignTimestampsAndWatermarks(timed(ArchivedOrder::paidAt)), env.fromData(LEVELS));
		AnalyticsProperties defaults = BreakdownWindowsTest.settings();
		// a mismatch over 10 % raises an alert
		AnalyticsProperties settings = new AnalyticsProperties(defaults.outOfOrderness(), defaults.idleness(),
				defaults.window(), defaults.sessionGap(), defaults.audienceWindow(), defaults.audienceSlide(),
				defaults.bounceRateThreshold(), defaults.visitorBounces(), defaults.visitorBounceWithin(),
				defaults.bufferTimeout(), defaults.currentVisitorsSpan(), defaults.currentVisitorsEvery(),
				Duration.ofSeconds(10), 0.1, 5, Duration.ofHours(1));
		return AnalyticsJob.wire(env.fromData(EVENTS).assignTimestampsAndWatermarks(timed(WebsiteEvent::timestamp)),
				shop, settings);
	}

	private static <T> WatermarkStrategy<T> timed(Time<T> time) {
		return WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofSeconds(5))
			.withTimestampAssigner((record, previous) -> time.of(record));
	}

	private interface Time<T> extends java.io.Serializable {

		long of(T record);

	}

	private static RefusedCheckout refusal(String order, Outcome outcome, String by, long cost, long at) {
		return new RefusedCheckout(order, "42", outcome, by, List.of(new OrderLine("7", 1)), cost, at);
	}

	private static ArchivedOrder paid(String order, long cost, long at) {
		return new ArchivedOrder(order, "42", List.of(new OrderLine("7", 1)), cost, at);
	}

	private static WebsiteEvent conversion(String visitor, long revenue, long at, boolean simulated) {
		return new WebsiteEvent("buy-" + visitor, at, EventType.CONVERSION, visitor, "s-" + visitor, null, BERLIN,
				new ConversionData("o-" + visitor, revenue), simulated);
	}

	private static WebsiteEvent page(String visitor, String url, long at, boolean simulated) {
		return new WebsiteEvent("p-" + visitor + at, at, EventType.PAGE_VIEW, visitor, "s-" + visitor,
				new PageViewData(url, url, null, 100), BERLIN, null, simulated);
	}

	private static WebsiteEvent end(String visitor, long at, boolean simulated) {
		return new WebsiteEvent("end-" + visitor, at, EventType.SESSION_END, visitor, "s-" + visitor, null, BERLIN,
				null, simulated);
	}

}
