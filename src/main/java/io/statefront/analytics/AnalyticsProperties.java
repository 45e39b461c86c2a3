package io.statefront.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analytics job's settings.
 *
 * @param outOfOrderness how far out of order events may arrive and still count in their window
 * @param idleness after how long without events a topic partition stops holding event time back
 * @param window the length of the tumbling windows of page views, active users, bounce rate and
 * average visit duration
 * @param sessionGap how long without events ends a visit that sent no SESSION_END
 * @param audienceWindow the span of the sliding windows of conversion rate, revenue per user, top
 * pages, the breakdowns (country, device, browser, OS, source), entry and exit pages and the funnel
 * @param audienceSlide how often those windows report
 * @param bounceRateThreshold the bounce rate (0 to 1) whose crossing raises a site-wide alert
 * @param visitorBounces how many bounced visits in a row raise an alert about the visitor
 * @param visitorBounceWithin the time those visits must fall within
 * @param bufferTimeout how long a network buffer of this job may wait to fill before it is sent
 * on. The other jobs send each record at once (their requests and clicks wait on it); this one is
 * read for throughput, and a tenth of a second a hop is small beside its windows. Each of its tasks
 * has a thread that wakes this often, busy or idle: at 5 ms its 17 cost a tenth of a core with
 * nothing to send
 * @param currentVisitorsSpan how far back the current visitors are counted (distinct visitors)
 * @param currentVisitorsEvery how often the current visitors are reported: at the end of the first
 * traffic window that ends at or after each multiple of it
 * @param reconciliationWindow the tumbling window over which the revenue analytics saw is set
 * against the paid orders of the ledger
 * @param revenueMismatchShare the difference, as a share of the larger of the two, whose crossing
 * raises an alert
 * @param lowStockLevel the stock at or below which an item raises a low-stock alert, once each time
 * it falls to it
 * @param paidOrderHorizon how long after the end of its reconciliation window, in event time, a paid
 * order's id is remembered, so that the archive's copy of it read again (after a restore of the
 * functions) is not counted twice: longer than the two jobs' restore points can be apart
 */
@ConfigurationProperties("statefront.analytics")
public record AnalyticsProperties(@DefaultValue("5s") Duration outOfOrderness, @DefaultValue("30s") Duration idleness,
		@DefaultValue("5s") Duration window, @DefaultValue("30m") Duration sessionGap,
		@DefaultValue("1m") Duration audienceWindow, @DefaultValue("10s") Duration audienceSlide,
		@DefaultValue("0.7") double bounceRateThreshold, @DefaultValue("3") int visitorBounces,
		@DefaultValue("30m") Duration visitorBounceWithin, @DefaultValue("100ms") Duration bufferTimeout,
		@DefaultValue("5m") Duration currentVisitorsSpan, @DefaultValue("10s") Duration currentVisitorsEvery,
		@DefaultValue("1m") Duration reconciliationWindow, @DefaultValue("0.05") double revenueMismatchShare,
		@DefaultValue("5") long lowStockLevel, @DefaultValue("5m") Duration paidOrderHorizon) {

	@ConstructorBinding
	public AnalyticsProperties {
	}

	/** The settings named before the breakdowns and the shop's own measurements, those at their defaults. */
	public AnalyticsProperties(Duration outOfOrderness, Duration idleness, Duration window, Duration sessionGap,
			Duration audienceWindow, Duration audienceSlide, double bounceRateThreshold, int visitorBounces,
			Duration visitorBounceWithin, Duration bufferTimeout) {
		this(outOfOrderness, idleness, window, sessionGap, audienceWindow, audienceSlide, bounceRateThreshold,
				visitorBounces, visitorBounceWithin, bufferTimeout, Duration.ofMinutes(5), Duration.ofSeconds(10),
				Duration.ofMinutes(1), 0.05, 5, Duration.ofMinutes(5));
	}

}
