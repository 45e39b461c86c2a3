package io.statefront.analytics;

import java.util.List;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The site-wide metrics of one tumbling event-time window: page views per second (over the
 * window's length, not a hard-coded denominator) and active users (distinct visitors with any
 * event in the window, not session starts).
 */
final class TrafficWindow {

	static final String PAGE_VIEWS_PER_SECOND = "page_views_per_second";

	static final String ACTIVE_USERS = "active_users";

	private TrafficWindow() {
	}

	static final class Count extends Tally<WebsiteEvent, TrafficCounts> {

		Count() {
			super(TrafficCounts::new);
		}

	}

	/** Turns a closed window's counts into its metric results, of all traffic or of real traffic alone. */
	static final class Results extends ProcessAllWindowFunction<TrafficCounts, MetricResult, TimeWindow> {

		private final Traffic traffic;

		Results(Traffic traffic) {
			this.traffic = traffic;
		}

		@Override
		public void process(Context context, Iterable<TrafficCounts> counts, Collector<MetricResult> out) {
			TimeWindow window = context.window();
			TrafficCounts total = counts.iterator().next();
			Tally.emit(results(window.getStart(), window.getEnd(), total), traffic, out);
		}

	}

	static List<MetricResult> results(long start, long end, TrafficCounts counts) {
		double seconds = (end - start) / 1000.0;
		return List.of(MetricResult.of(PAGE_VIEWS_PER_SECOND, start, end, counts.pageViews / seconds),
				MetricResult.of(ACTIVE_USERS, start, end, counts.visitors.size()));
	}

}
