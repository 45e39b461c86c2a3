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

	/** What the analytics job emits: metric results, and the events that came too late for theirs. */
	public record Outputs(DataStream<MetricResult> metrics, DataStream<WebsiteEvent> lateEvents) {
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
	 * Wires the windows onto {@code events}, which carry timestamps and watermarks already: traffic
	 * and the visits that ended, per tumbling {@code window} (a visit is over at its SESSION_END or
	 * after {@code sessionGap} without events); the audience over the last {@code audienceWindow},
	 * every {@code audienceSlide}.
	 */
	public static Outputs wire(DataStream<WebsiteEvent> events, Duration window, Duration sessionGap,
			Duration audienceWindow, Duration audienceSlide) {
		SingleOutputStreamOperator<MetricResult> traffic = events.windowAll(TumblingEventTimeWindows.of(window))
			.sideOutputLateData(LATE_EVENTS)
			.aggregate(new TrafficWindow.Count(), new TrafficWindow.Results())
			.uid("traffic-window")
			.name("traffic per window");
		DataStream<MetricResult> visits = events.keyBy(WebsiteEvent::sessionId)
			.process(new SessionFunction(sessionGap.toMillis()))
			.uid("session-function")
			.name("visits")
			.windowAll(TumblingEventTimeWindows.of(window))
			.aggregate(new SessionWindow.Count(), new SessionWindow.Results())
			.uid("session-window")
			.name("visits ended per window");
		DataStream<MetricResult> audience = events
			.windowAll(SlidingEventTimeWindows.of(audienceWindow, audienceSlide))
			.aggregate(new AudienceWindow.Count(), new AudienceWindow.Results())
			.uid("audience-window")
			.name("audience over the last minute");
		return new Outputs(traffic.union(visits, audience), traffic.getSideOutput(LATE_EVENTS));
	}

}
