package io.statefront.analytics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The site-wide metrics of one tumbling event-time window: page views per second (over the
 * window's length, not a hard-coded denominator) and active users (distinct visitors with any
 * event in the window, not session starts); and, every {@code currentVisitorsEvery}, the current
 * visitors: distinct visitors over the last {@code currentVisitorsSpan}.
 *
 * <p>The current visitors come from the windows' own sets of visitors, each visitor remembered
 * with the end of the last window they were seen in (in the operator's global state), rather
 * than from a sliding window of five minutes every ten seconds, which would count every event
 * into thirty windows.
 */
final class TrafficWindow {

	static final String PAGE_VIEWS_PER_SECOND = "page_views_per_second";

	static final String ACTIVE_USERS = "active_users";

	static final String CURRENT_VISITORS = "current_visitors";

	private static final MapStateDescriptor<String, Long> LAST_SEEN = new MapStateDescriptor<>("visitors-last-seen",
			Types.STRING, Types.LONG);

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

		private final long spanMillis;

		private final long everyMillis;

		Results(Traffic traffic, long currentVisitorsSpanMillis, long currentVisitorsEveryMillis) {
			this.traffic = traffic;
			this.spanMillis = currentVisitorsSpanMillis;
			this.everyMillis = currentVisitorsEveryMillis;
		}

		@Override
		public void process(Context context, Iterable<TrafficCounts> counts, Collector<MetricResult> out)
				throws Exception {
			TimeWindow window = context.window();
			TrafficCounts total = counts.iterator().next();
			List<MetricResult> results = new ArrayList<>(results(window.getStart(), window.getEnd(), total));
			MapState<String, Long> lastSeen = context.globalState().getMapState(LAST_SEEN);
			for (String visitor : total.visitors.keySet()) {
				lastSeen.put(visitor, window.getEnd());
			}
			// the first window to end at or after each multiple of the period reports
			if (window.getEnd() % everyMillis < window.getEnd() - window.getStart()) {
				results.add(MetricResult.of(CURRENT_VISITORS, window.getEnd() - spanMillis, window.getEnd(),
						currentVisitors(lastSeen, window.getEnd() - spanMillis)));
			}
			Tally.emit(results, traffic, out);
		}

		/** Visitors seen in a window that ended after {@code since}; those seen only before are forgotten. */
		private static long currentVisitors(MapState<String, Long> lastSeen, long since) throws Exception {
			long current = 0;
			for (Iterator<Map.Entry<String, Long>> seen = lastSeen.iterator(); seen.hasNext();) {
				if (seen.next().getValue() <= since) {
					seen.remove();
				}
				else {
					current++;
				}
			}
			return current;
		}

	}

	static List<MetricResult> results(long start, long end, TrafficCounts counts) {
		double seconds = (end - start) / 1000.0;
		return List.of(MetricResult.of(PAGE_VIEWS_PER_SECOND, start, end, counts.pageViews / seconds),
				MetricResult.of(ACTIVE_USERS, start, end, counts.visitors.size()));
	}

}
