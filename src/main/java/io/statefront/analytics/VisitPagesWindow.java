package io.statefront.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The metrics of a sliding event-time window over visits coming in and leaving (the audience's
 * window, the last minute every 10 s by default): the pages visits came in by and left by (the
 * ten most each, in visits), and the distinct visitors whose visit came in from each source (the
 * ten with the most).
 */
final class VisitPagesWindow {

	static final String ENTRY_PAGES = "entry_pages";

	static final String EXIT_PAGES = "exit_pages";

	static final String VISITORS_BY_SOURCE = "visitors_by_source";

	private VisitPagesWindow() {
	}

	static final class Count extends Tally<VisitPage, VisitPageCounts> {

		Count() {
			super(VisitPageCounts::new);
		}

	}

	static final class Results extends ProcessAllWindowFunction<VisitPageCounts, MetricResult, TimeWindow> {

		private final Traffic traffic;

		Results(Traffic traffic) {
			this.traffic = traffic;
		}

		@Override
		public void process(Context context, Iterable<VisitPageCounts> counts, Collector<MetricResult> out) {
			Tally.emit(results(context.window().getStart(), context.window().getEnd(), counts.iterator().next()),
					traffic, out);
		}

	}

	static List<MetricResult> results(long start, long end, VisitPageCounts counts) {
		List<MetricResult> results = new ArrayList<>();
		Breakdowns.top(results, ENTRY_PAGES, "url", start, end, counts.entriesByUrl);
		Breakdowns.top(results, EXIT_PAGES, "url", start, end, counts.exitsByUrl);
		// the ten largest: a source is whatever a link's utm_source says
		Breakdowns.top(results, VISITORS_BY_SOURCE, "source", start, end,
				Breakdowns.count(counts.sourceByVisitor.values(), Function.identity()));
		return results;
	}

}
