package io.statefront.analytics;

import java.util.List;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The metrics of the visits that ended in one tumbling event-time window: bounce rate (visits
 * with one page view over all visits that ended) and average visit duration in seconds. A window
 * in which no visit ended has no rate to give and emits nothing.
 */
final class SessionWindow {

	static final String BOUNCE_RATE = "bounce_rate";

	static final String AVERAGE_SESSION_DURATION = "average_session_duration";

	private SessionWindow() {
	}

	static final class Count extends Tally<SessionSummary, SessionCounts> {

		Count() {
			super(SessionCounts::new);
		}

	}

	static final class Results extends ProcessAllWindowFunction<SessionCounts, MetricResult, TimeWindow> {

		private final Traffic traffic;

		Results(Traffic traffic) {
			this.traffic = traffic;
		}

		@Override
		public void process(Context context, Iterable<SessionCounts> counts, Collector<MetricResult> out) {
			Tally.emit(results(context.window().getStart(), context.window().getEnd(), counts.iterator().next()),
					traffic, out);
		}

	}

	static List<MetricResult> results(long start, long end, SessionCounts counts) {
		if (counts.sessions == 0) {
			return List.of();
		}
		return List.of(MetricResult.of(BOUNCE_RATE, start, end, counts.bounces / (double) counts.sessions),
				MetricResult.of(AVERAGE_SESSION_DURATION, start, end,
						counts.totalDurationMillis / 1000.0 / counts.sessions));
	}

}
