package io.statefront.analytics;

import java.time.Duration;

import io.statefront.order.ArchivedOrder;
import io.statefront.order.RefusedCheckout;
import io.statefront.stock.StockLevel;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The analytics topology, independent of where events come from and results go. Everything runs
 * on event time: a window closes when the watermark passes its end, whatever the order events
 * arrive in, and events later than that are counted apart instead of vanishing.
 */
public final class AnalyticsJob {

	static final OutputTag<WebsiteEvent> LATE_EVENTS = new OutputTag<>("late-events") {
	};

	private AnalyticsJob() {
	}

	/** What the analytics job emits: metric results, alerts, and the events too late for their window. */
	public record Outputs(DataStream<MetricResult> metrics, DataStream<Alert> alerts,
			DataStream<WebsiteEvent> lateEvents) {
	}

	/**
	 * What the shop's functions tell beside the website's events, with their event times: refused
	 * checkouts (at their refusal), the archive's paid orders (at their payment), and the items'
	 * stock levels as they change.
	 */
	public record ShopStreams(DataStream<RefusedCheckout> refusals, DataStream<ArchivedOrder> paidOrders,
			DataStream<StockLevel> stockLevels) {
	}

	/**
	 * Event time from each event's timestamp, allowing events up to {@code outOfOrderness} out of
	 * order; a partition with no events for {@code idleness} no longer holds the others back.
	 */
	public static WatermarkStrategy<WebsiteEvent> watermarks(Duration outOfOrderness, Duration idleness) {
		return WatermarkStrategy.<WebsiteEvent>forBoundedOutOfOrderness(outOfOrderness)
			.withTimestampAssigner((event, recordTimestamp) -> event.timestamp())
			.withIdleness(idleness);
	}

	/**
	 * Wires the windows and alerts onto {@code events}, which carry timestamps and watermarks
	 * already: traffic and the visits that ended, per tumbling window (a visit is over at its
	 * SESSION_END or after the session gap without events), and the current visitors; the audience,
	 * its breakdowns and funnel over a sliding window; the pages visits came in and left by and
	 * where they came from, over the same sliding window (from the visits the session function
	 * follows anyway); and the bounce alerts.
	 *
	 * <p>Each window is also computed over the real events alone (real-only results), by a second
	 * window operator fed through a filter: a simulated event costs one test more, a real one is
	 * counted in two windows. The all-traffic operators keep their uids and state, so an older
	 * savepoint still restores; the alerts watch all traffic.
	 */
	public static Outputs wire(DataStream<WebsiteEvent> events, AnalyticsProperties settings) {
		SingleOutputStreamOperator<MetricResult> traffic = events
			.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.sideOutputLateData(LATE_EVENTS)
			.aggregate(new TrafficWindow.Count(), trafficResults(Traffic.ALL, settings))
			.uid("traffic-window")
			.name("traffic per window");
		SingleOutputStreamOperator<SessionSummary> visits = events.keyBy(WebsiteEvent::sessionId)
			.process(new SessionFunction(settings.sessionGap().toMillis()))
			.uid("session-function")
			.name("visits");
		DataStream<VisitPage> visitPages = visits.getSideOutput(SessionFunction.VISIT_PAGES);
		DataStream<MetricResult> visitMetrics = visits.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.aggregate(new SessionWindow.Count(), new SessionWindow.Results(Traffic.ALL))
			.uid("session-window")
			.name("visits ended per window");
		DataStream<MetricResult> audience = events
			.windowAll(SlidingEventTimeWindows.of(settings.audienceWindow(), settings.audienceSlide()))
			.aggregate(new AudienceWindow.Count(), new AudienceWindow.Results(Traffic.ALL))
			.uid("audience-window")
			.name("audience over the last minute");
		DataStream<MetricResult> entriesAndExits = visitPages
			.windowAll(SlidingEventTimeWindows.of(settings.audienceWindow(), settings.audienceSlide()))
			.aggregate(new VisitPagesWindow.Count(), new VisitPagesWindow.Results(Traffic.ALL))
			.uid("visit-pages-window")
			.name("entry and exit pages and sources over the last minute");
		DataStream<MetricResult> bounceRates = visitMetrics
			.filter(metric -> metric.measurement().equals(SessionWindow.BOUNCE_RATE))
			.uid("bounce-rates")
			.name("bounce rates");
		DataStream<Alert> alerts = BounceAlerts
			.visitorsBouncing(visits, settings.visitorBounces(), settings.visitorBounceWithin())
			.union(BounceAlerts.bounceRateCrossing(bounceRates, settings.bounceRateThreshold()),
					ShopAlerts.cartsAbandoned(visits));
		return new Outputs(
				traffic.union(visitMetrics, audience, entriesAndExits, realOnly(events, visits, visitPages, settings)),
				alerts,
				traffic.getSideOutput(LATE_EVENTS));
	}

	/**
	 * The website's windows and alerts, and what only the shop can show: the revenue its refused
	 * checkouts lost, per window, by reason and item; real visits' conversions set against the
	 * ledger's paid orders over the same window, with an alert when they part; and low-stock alerts.
	 * Only real conversions are set against the ledger: the simulator's are no one's orders.
	 */
	public static Outputs wire(DataStream<WebsiteEvent> events, ShopStreams shop, AnalyticsProperties settings) {
		Outputs site = wire(events, settings);
		DataStream<RevenueEntry> analyticsRevenue = events
			.filter(event -> !event.simulated() && event.eventType() == EventType.CONVERSION
					&& event.conversionData() != null)
			.uid("real-conversions")
			.name("real conversions")
			.map(event -> new RevenueEntry(false, event.conversionData().revenue()))
			.uid("analytics-revenue")
			.name("analytics revenue");
		// refusals are few: their windows close on the website's event time, carried by a stream of none
		DataStream<RefusedCheckout> websiteTime = analyticsRevenue
			.flatMap((RevenueEntry entry, Collector<RefusedCheckout> none) -> {
			})
			.returns(RefusedCheckout.class)
			.uid("website-event-time")
			.name("website event time");
		DataStream<MetricResult> lostRevenue = shop.refusals()
			.filter(LostRevenueCounts::lost)
			.uid("lost-checkouts")
			.name("checkouts lost")
			.union(websiteTime)
			.windowAll(TumblingEventTimeWindows.of(settings.reconciliationWindow()))
			.aggregate(new ShopWindows.CountLostRevenue(), new ShopWindows.LostRevenue())
			.uid("lost-revenue-window")
			.name("revenue lost per window");
		DataStream<RevenueEntry> ledgerRevenue = shop.paidOrders()
			.keyBy(ArchivedOrder::orderId)
			.process(new PaidOrders(settings.reconciliationWindow(), settings.paidOrderHorizon()))
			.uid("paid-orders")
			.name("ledger revenue");
		DataStream<MetricResult> reconciliation = analyticsRevenue.union(ledgerRevenue)
			.windowAll(TumblingEventTimeWindows.of(settings.reconciliationWindow()))
			.aggregate(new ShopWindows.CountRevenue(), new ShopWindows.Reconciliation())
			.uid("revenue-reconciliation-window")
			.name("revenue reconciled per window");
		DataStream<Alert> alerts = ShopAlerts.lowStock(shop.stockLevels(), settings.lowStockLevel())
			.union(ShopAlerts.revenueMismatch(reconciliation
				.filter(result -> result.measurement().equals(ShopWindows.REVENUE_MISMATCH))
				.uid("revenue-mismatches")
				.name("revenue mismatches"), settings.revenueMismatchShare()));
		return new Outputs(site.metrics().union(lostRevenue, reconciliation), site.alerts().union(alerts),
				site.lateEvents());
	}

	/**
	 * The same windows over real traffic alone. An event too late for its window is late for both
	 * operators (the same watermarks reach them in the same order), so only the all-traffic one
	 * sets it apart.
	 */
	private static DataStream<MetricResult> realOnly(DataStream<WebsiteEvent> events, DataStream<SessionSummary> visits,
			DataStream<VisitPage> visitPages, AnalyticsProperties settings) {
		DataStream<WebsiteEvent> real = events.filter(event -> !event.simulated()).uid("real-events").name("real events");
		DataStream<MetricResult> traffic = real.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.aggregate(new TrafficWindow.Count(), trafficResults(Traffic.REAL, settings))
			.uid("real-traffic-window")
			.name("real traffic per window");
		DataStream<MetricResult> visitMetrics = visits.filter(SessionSummary::real)
			.uid("real-visits")
			.name("real visits")
			.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.aggregate(new SessionWindow.Count(), new SessionWindow.Results(Traffic.REAL))
			.uid("real-session-window")
			.name("real visits ended per window");
		DataStream<MetricResult> audience = real
			.windowAll(SlidingEventTimeWindows.of(settings.audienceWindow(), settings.audienceSlide()))
			.aggregate(new AudienceWindow.Count(), new AudienceWindow.Results(Traffic.REAL))
			.uid("real-audience-window")
			.name("real audience over the last minute");
		DataStream<MetricResult> entriesAndExits = visitPages.filter(VisitPage::real)
			.uid("real-visit-pages")
			.name("real visits' entry and exit pages")
			.windowAll(SlidingEventTimeWindows.of(settings.audienceWindow(), settings.audienceSlide()))
			.aggregate(new VisitPagesWindow.Count(), new VisitPagesWindow.Results(Traffic.REAL))
			.uid("real-visit-pages-window")
			.name("real entry and exit pages and sources over the last minute");
		return traffic.union(visitMetrics, audience, entriesAndExits);
	}

	private static TrafficWindow.Results trafficResults(Traffic traffic, AnalyticsProperties settings) {
		return new TrafficWindow.Results(traffic, settings.currentVisitorsSpan().toMillis(),
				settings.currentVisitorsEvery().toMillis());
	}

}
