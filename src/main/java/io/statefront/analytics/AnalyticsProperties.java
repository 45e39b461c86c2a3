package io.statefront.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outOfOrderness how far out of order events may arrive and still count in their window
 * @param idleness after how long without events a topic partition stops holding event time back
 * @param window the length of the tumbling windows of page views, active users, bounce rate and
 * average visit duration
 * @param sessionGap how long without events ends a visit that sent no SESSION_END
 */
@ConfigurationProperties("statefront.analytics")
record AnalyticsProperties(@DefaultValue("5s") Duration outOfOrderness, @DefaultValue("30s") Duration idleness,
		@DefaultValue("5s") Duration window, @DefaultValue("30m") Duration sessionGap) {
}
