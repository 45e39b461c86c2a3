package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The breakdowns an analyst looks for first (device, browser, OS, source, entry and exit pages,
 * the funnel, the current visitors), from the wired analytics job on a local MiniCluster fed
 * events out of order, against hand counts.
 */
class BreakdownWindowsTest {

	private static final SessionData BERLIN = new SessionData("test", "10.0.0.1", "DE", "Berlin", "desktop", "Firefox",
			"Linux");

	private static final SessionData PARIS = new SessionData("test", "10.0.0.2", "FR", "Paris", "mobile", "Safari",
			"iOS");

	private static final SessionData TABLET = new SessionData("test", "10.0.0.3", "FR", "Lyon", "tablet", "Safari",
			"iPadOS");

	@Test
	void countsDistinctVisitorsPerDeviceBrowserAndOsAndAtEachStepOfTheFunnel() throws Exception {
		List<WebsiteEvent> events = List.of(
				// a: views, adds to the cart, pays (a conversion is also a checkout)
				page("a", 1_000, "/shop/product/1", BERLIN), page("a", 2_000, "/shop/cart/items", BERLIN),
				conversion("a", 3_000, BERLIN),
				// b: views, adds, checks out and is refused; the cart add arrives before the product view
				page("b", 2_500, "/shop/cart/items", PARIS), page("b", 2_000, "/shop/product/2", PARIS),
				page("b", 4_000, "/shop/cart/checkout", PARIS),
				// c views two products, d a category
				page("c", 3_000, "/shop/product/1", BERLIN), page("c", 3_500, "/shop/product/3", BERLIN),
				page("d", 4_000, "/shop/category/shoes", TABLET));

		List<MetricResult> window = window(run(events), -10_000, false);

		assertThat(tagged(window, AudienceWindow.VISITORS_BY_DEVICE)).containsExactly(tuple("desktop", 2.0),
				tuple("mobile", 1.0), tuple("tablet", 1.0));
		assertThat(tagged(window, AudienceWindow.VISITORS_BY_BROWSER)).containsExactly(tuple("Firefox", 2.0),
				tuple("Safari", 2.0));
		assertThat(tagged(window, AudienceWindow.VISITORS_BY_OS)).containsExactly(tuple("Linux", 2.0),
				tuple("iOS", 1.0), tuple("iPadOS", 1.0));
		assertThat(tagged(window, AudienceWindow.FUNNEL)).containsExactly(tuple("product_view", 3.0),
				tuple("add_to_cart", 2.0), tuple("checkout", 2.0), tuple("paid", 1.0));
	}

	@Test
	void countsTheVisitsByThePagesTheyCameInAndLeftByAndTheirVisitorsBySource() throws Exception {
		List<WebsiteEvent> events = List.of(
				// x came from a search engine, saw two pages and ended at 3 s
				page("x", 1_000, "/shop/category/shoes", "https://www.google.com/search", null, BERLIN),
				page("x", 2_000, "/shop/product/1", "/shop/category/shoes", null, BERLIN), end("x", 3_000),
				// y came by a newsletter's tagged link (the campaign wins over the referrer; the page is the page
				// whatever its link's tags) and bounced
				page("y", 1_500, "/shop/product/2?utm_source=Newsletter", "https://mail.example.org/", "Newsletter",
						PARIS), end("y", 2_500),
				// z came directly and was abandoned: over when the 10 s gap has passed, at 12 s
				page("z", 2_000, "/shop/product/1", null, null, TABLET),
				// a simulated visit from Bing: in all traffic, not in the real-only results
				simulated(page("s", 1_000, "/shop/product/9", "https://www.bing.com/", null, BERLIN)),
				simulated(end("s", 1_500)));

		List<MetricResult> results = run(events);
		List<MetricResult> first = window(results, -10_000, false);
		List<MetricResult> second = window(results, 0, false);
		List<MetricResult> third = window(results, 10_000, false);

		assertThat(tagged(first, VisitPagesWindow.ENTRY_PAGES)).containsExactly(tuple("/shop/category/shoes", 1.0),
				tuple("/shop/product/1", 1.0), tuple("/shop/product/2", 1.0), tuple("/shop/product/9", 1.0));
		assertThat(tagged(first, VisitPagesWindow.EXIT_PAGES)).containsExactly(tuple("/shop/product/1", 1.0),
				tuple("/shop/product/2", 1.0), tuple("/shop/product/9", 1.0));
		assertThat(tagged(first, VisitPagesWindow.VISITORS_BY_SOURCE)).containsExactly(tuple("bing.com", 1.0),
				tuple("direct", 1.0), tuple("google.com", 1.0), tuple("newsletter", 1.0));
		assertThat(tagged(second, VisitPagesWindow.EXIT_PAGES)).containsExactly(tuple("/shop/product/1", 2.0),
				tuple("/shop/product/2", 1.0), tuple("/shop/product/9", 1.0));
		assertThat(tagged(third, VisitPagesWindow.EXIT_PAGES)).containsExactly(tuple("/shop/product/1", 1.0));
		assertThat(tagged(third, VisitPagesWindow.ENTRY_PAGES)).isEmpty();

		List<MetricResult> real = window(results, -10_000, true);
		assertThat(tagged(real, VisitPagesWindow.VISITORS_BY_SOURCE)).containsExactly(tuple("direct", 1.0),
				tuple("google.com", 1.0), tuple("newsletter", 1.0));
		assertThat(tagged(real, VisitPagesWindow.ENTRY_PAGES)).extracting(row -> row.toList().get(0))
			.doesNotContain("/shop/product/9");
	}

	@Test
	void reportsTheDistinctVisitorsOfTheLastSpanEveryPeriod() throws Exception {
		List<WebsiteEvent> events = List.of(page("a", 1_000, "/", BERLIN), page("b", 6_000, "/", BERLIN),
				page("a", 12_000, "/", BERLIN), page("c", 26_000, "/", BERLIN), page("e", 27_000, "/", BERLIN),
				page("a", 41_000, "/", BERLIN));

		List<MetricResult> results = run(events).stream()
			.filter(result -> result.measurement().equals(TrafficWindow.CURRENT_VISITORS) && !result.realOnly())
			.toList();

		// at 10 s: a and b over [-10 s, 10 s); at 30 s: a (seen at 12 s), c and e over [10 s, 30 s), b forgotten.
		// No window ends at 20 s or 40 s without events in it; 45 s is not the first end past 40 s
		assertThat(results).containsExactly(MetricResult.of(TrafficWindow.CURRENT_VISITORS, -10_000, 10_000, 2),
				MetricResult.of(TrafficWindow.CURRENT_VISITORS, 10_000, 30_000, 3));
	}

	private static List<MetricResult> run(List<WebsiteEvent> events) throws Exception {
		Configuration configuration = new Configuration();
		configuration.set(PipelineOptions.GENERIC_TYPES, false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		DataStream<WebsiteEvent> timed = env.fromData(events)
			.assignTimestampsAndWatermarks(AnalyticsJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)));
		return AnalyticsJob.wire(timed, settings()).metrics().executeAndCollect(10_000);
	}

	/** 5 s tumbling windows, visits over after 10 s, the audience over 20 s every 10 s, current visitors over 20 s. */
	static AnalyticsProperties settings() {
		return new AnalyticsProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5),
				Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10), 0.7, 3, Duration.ofMinutes(30),
				Duration.ofMillis(5), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(10), 0.05, 5,
				Duration.ofHours(1));
	}

	private static List<MetricResult> window(List<MetricResult> results, long start, boolean realOnly) {
		return results.stream()
			.filter(result -> result.windowStart() == start && result.windowEnd() == start + 20_000)
			.filter(result -> result.realOnly() == realOnly)
			.toList();
	}

	private static List<org.assertj.core.groups.Tuple> tagged(List<MetricResult> results, String measurement) {
		return results.stream()
			.filter(result -> result.measurement().equals(measurement))
			.map(result -> tuple(result.tagValue(), result.value()))
			.toList();
	}

	private static WebsiteEvent page(String visitor, long timestamp, String url, SessionData where) {
		return page(visitor, timestamp, url, null, null, where);
	}

	private static WebsiteEvent page(String visitor, long timestamp, String url, String referrer, String utmSource,
			SessionData where) {
		return new WebsiteEvent("e-" + visitor + timestamp, timestamp, EventType.PAGE_VIEW, null, "s-" + visitor,
				new PageViewData(url, url, referrer, 100, utmSource, null, null), where, null);
	}

	private static WebsiteEvent conversion(String visitor, long timestamp, SessionData where) {
		return new WebsiteEvent("e-" + visitor + timestamp, timestamp, EventType.CONVERSION, null, "s-" + visitor, null,
				where, new ConversionData("o-" + visitor, 40));
	}

	private static WebsiteEvent end(String visitor, long timestamp) {
		return new WebsiteEvent("e-end-" + visitor + timestamp, timestamp, EventType.SESSION_END, null, "s-" + visitor,
				null, BERLIN, null);
	}

	private static WebsiteEvent simulated(WebsiteEvent event) {
		return new WebsiteEvent(event.eventId(), event.timestamp(), event.eventType(), event.userId(), event.sessionId(),
				event.pageViewData(), event.sessionData(), event.conversionData(), true);
	}

}
