package io.statefront.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.SessionData;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The metrics of a sliding event-time window (the last minute, every 10 s by default): conversion
 * rate (conversions over the visits in the window, not over a fixed number), revenue per visitor,
 * the most viewed pages, distinct visitors per country, device, browser and OS, and the funnel:
 * distinct visitors at each of its steps ({@link FunnelStep}).
 */
final class AudienceWindow {

	static final String CONVERSION_RATE = "conversion_rate";

	static final String REVENUE_PER_USER = "revenue_per_user";

	static final String TOP_PAGES = "top_pages";

	static final String VISITORS_BY_COUNTRY = "visitors_by_country";

	static final String VISITORS_BY_DEVICE = "visitors_by_device";

	static final String VISITORS_BY_BROWSER = "visitors_by_browser";

	static final String VISITORS_BY_OS = "visitors_by_os";

	static final String FUNNEL = "funnel";

	private AudienceWindow() {
	}

	static final class Count extends Tally<WebsiteEvent, AudienceCounts> {

		Count() {
			super(AudienceCounts::new);
		}

	}

	static final class Results extends ProcessAllWindowFunction<AudienceCounts, MetricResult, TimeWindow> {

		private final Traffic traffic;

		Results(Traffic traffic) {
			this.traffic = traffic;
		}

		@Override
		public void process(Context context, Iterable<AudienceCounts> counts, Collector<MetricResult> out) {
			Tally.emit(results(context.window().getStart(), context.window().getEnd(), counts.iterator().next()),
					traffic, out);
		}

	}

	static List<MetricResult> results(long start, long end, AudienceCounts counts) {
		List<MetricResult> results = new ArrayList<>();
		if (!counts.sessions.isEmpty()) {
			results.add(MetricResult.of(CONVERSION_RATE, start, end, counts.conversions / (double) counts.sessions.size()));
			results.add(MetricResult.of(REVENUE_PER_USER, start, end,
					counts.revenue / (double) counts.sessionDataByVisitor.size()));
		}
		Breakdowns.top(results, TOP_PAGES, "url", start, end, counts.viewsByUrl);
		Collection<SessionData> visitors = counts.sessionDataByVisitor.values();
		Breakdowns.all(results, VISITORS_BY_COUNTRY, "country", start, end,
				Breakdowns.count(visitors, SessionData::country));
		Breakdowns.all(results, VISITORS_BY_DEVICE, "device", start, end,
				Breakdowns.count(visitors, SessionData::deviceType));
		Breakdowns.all(results, VISITORS_BY_BROWSER, "browser", start, end,
				Breakdowns.count(visitors, SessionData::browser));
		Breakdowns.all(results, VISITORS_BY_OS, "os", start, end, Breakdowns.count(visitors, SessionData::os));
		if (!visitors.isEmpty()) {
			// every step, reached or not, so that a chart of the funnel has all of them
			for (FunnelStep step : FunnelStep.values()) {
				long reached = counts.stepsByVisitor.values().stream().filter(steps -> (steps & step.bit()) != 0).count();
				results.add(new MetricResult(FUNNEL, start, end, reached, "step", step.tag()));
			}
		}
		return results;
	}

}
