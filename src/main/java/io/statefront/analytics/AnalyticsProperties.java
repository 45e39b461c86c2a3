package io.statefront.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * pages and visitors per country
 * @param audienceSlide how often those windows report
 * @param bounceRateThreshold the bounce rate (0 to 1) whose crossing raises a site-wide alert
 * @param visitorBounces how many bounced visits in a row raise an alert about the visitor
 * @param visitorBounceWithin the time those visits must fall within
 * @param bufferTimeout how long a network buffer of this job may wait to fill before it is sent
 * on. The other jobs send each record at once (their requests and clicks wait on it); this one is
 * read for throughput, and a tenth of a second a hop is small beside its windows. Each of its tasks
 * has a thread that wakes this often, busy or idle: at 5 ms its 17 cost a tenth of a core with
 * nothing to send
 */
@ConfigurationProperties("statefront.analytics")
public record AnalyticsProperties(@DefaultValue("5s") Duration outOfOrderness, @DefaultValue("30s") Duration idleness,
		@DefaultValue("5s") Duration window, @DefaultValue("30m") Duration sessionGap,
		@DefaultValue("1m") Duration audienceWindow, @DefaultValue("10s") Duration audienceSlide,
		@DefaultValue("0.7") double bounceRateThreshold, @DefaultValue("3") int visitorBounces,
		@DefaultValue("30m") Duration visitorBounceWithin, @DefaultValue("100ms") Duration bufferTimeout) {
}
