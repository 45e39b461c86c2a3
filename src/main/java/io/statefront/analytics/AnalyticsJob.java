package io.statefront.analytics;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
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
	 * SESSION_END or after the session gap without events); the audience over a sliding window; and
	 * the bounce alerts.
	 */
	public static Outputs wire(DataStream<WebsiteEvent> events, AnalyticsProperties settings) {
		SingleOutputStreamOperator<MetricResult> traffic = events
			.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.sideOutputLateData(LATE_EVENTS)
			.aggregate(new TrafficWindow.Count(), new TrafficWindow.Results())
			.uid("traffic-window")
			.name("traffic per window");
		DataStream<SessionSummary> visits = events.keyBy(WebsiteEvent::sessionId)
			.process(new SessionFunction(settings.sessionGap().toMillis()))
			.uid("session-function")
			.name("visits");
		DataStream<MetricResult> visitMetrics = visits.windowAll(TumblingEventTimeWindows.of(settings.window()))
			.aggregate(new SessionWindow.Count(), new SessionWindow.Results())
			.uid("session-window")
			.name("visits ended per window");
		DataStream<MetricResult> audience = events
			.windowAll(SlidingEventTimeWindows.of(settings.audienceWindow(), settings.audienceSlide()))
			.aggregate(new AudienceWindow.Count(), new AudienceWindow.Results())
			.uid("audience-window")
			.name("audience over the last minute");
		DataStream<MetricResult> bounceRates = visitMetrics
			.filter(metric -> metric.measurement().equals(SessionWindow.BOUNCE_RATE))
			.uid("bounce-rates")
			.name("bounce rates");
		DataStream<Alert> alerts = BounceAlerts
			.visitorsBouncing(visits, settings.visitorBounces(), settings.visitorBounceWithin())
			.union(BounceAlerts.bounceRateCrossing(bounceRates, settings.bounceRateThreshold()));
		return new Outputs(traffic.union(visitMetrics, audience), alerts, traffic.getSideOutput(LATE_EVENTS));
	}

}
