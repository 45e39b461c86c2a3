package io.statefront.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The metrics of a sliding event-time window (the last minute, every 10 s by default): conversion
 * rate (conversions over the visits in the window, not over a fixed number), revenue per visitor,
 * the most viewed pages, and visitors per country.
 */
final class AudienceWindow {

	static final String CONVERSION_RATE = "conversion_rate";

	static final String REVENUE_PER_USER = "revenue_per_user";

	static final String TOP_PAGES = "top_pages";

	static final String VISITORS_BY_COUNTRY = "visitors_by_country";

	static final int TOP_PAGE_COUNT = 10;

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
					counts.revenue / (double) counts.countryByVisitor.size()));
		}
		// ties broken by URL, so the same window always names the same pages
		counts.viewsByUrl.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP_PAGE_COUNT)
			.forEach(page -> results
				.add(new MetricResult(TOP_PAGES, start, end, page.getValue(), "url", page.getKey())));
		Map<String, Long> visitorsByCountry = new TreeMap<>();
		counts.countryByVisitor.values().forEach(country -> visitorsByCountry.merge(country, 1L, Long::sum));
		visitorsByCountry.forEach((country, visitors) -> results
			.add(new MetricResult(VISITORS_BY_COUNTRY, start, end, visitors, "country", country)));
		return results;
	}

}
