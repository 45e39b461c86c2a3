package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The wired analytics job on a local MiniCluster, fed events out of order, against hand counts. */
class AnalyticsJobTest {

	private static final SessionData BERLIN = new SessionData("test", "10.0.0.1", "DE", "Berlin", "desktop",
			"Firefox", "Linux");

	@Test
	void countsPageViewsPerSecondAndDistinctVisitorsPerWindowInEventTime() throws Exception {
		List<WebsiteEvent> events = List.of(pageView("a", 1_000), pageView("b", 6_000), pageView("b", 4_000),
				start("c", 3_000), pageView("a", 2_000), pageView("a", 9_999), event(EventType.SESSION_END, null, 4_500));

		List<MetricResult> results = allTraffic(run(events)).stream()
			.filter(result -> result.measurement().equals(TrafficWindow.PAGE_VIEWS_PER_SECOND)
					|| result.measurement().equals(TrafficWindow.ACTIVE_USERS))
			.toList();

		assertThat(results).containsExactlyInAnyOrder(
				MetricResult.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, 0, 5_000, 3 / 5.0),
				// a, b, c and the anonymous visitor, known by session
				MetricResult.of(TrafficWindow.ACTIVE_USERS, 0, 5_000, 4),
				MetricResult.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, 5_000, 10_000, 2 / 5.0),
				MetricResult.of(TrafficWindow.ACTIVE_USERS, 5_000, 10_000, 2));
	}

	@Test
	void ratesTheVisitsThatEndedInEachWindowByBouncesAndDuration() throws Exception {
		List<WebsiteEvent> events = List.of(
				// x: two pages, ends at 4 s after 3 s; y: one page, ends at 2 s after 1 s
				start("x", 1_000), pageView("x", 2_000), pageView("x", 3_000), end("x", 4_000),
				start("y", 1_000), pageView("y", 1_500), end("y", 2_000),
				// z: one page at 6 s, then nothing: abandoned when the 10 s gap has passed, at 16 s
				start("z", 5_500), pageView("z", 6_000));

		List<MetricResult> results = allTraffic(run(events)).stream()
			.filter(result -> result.measurement().equals(SessionWindow.BOUNCE_RATE)
					|| result.measurement().equals(SessionWindow.AVERAGE_SESSION_DURATION))
			.toList();

		assertThat(results).containsExactlyInAnyOrder(MetricResult.of(SessionWindow.BOUNCE_RATE, 0, 5_000, 0.5),
				MetricResult.of(SessionWindow.AVERAGE_SESSION_DURATION, 0, 5_000, 2.0),
				MetricResult.of(SessionWindow.BOUNCE_RATE, 15_000, 20_000, 1.0),
				MetricResult.of(SessionWindow.AVERAGE_SESSION_DURATION, 15_000, 20_000, 0.5));
	}

	@Test
	void reportsTheAudienceOfEachSlidingWindow() throws Exception {
		SessionData paris = new SessionData("test", "10.0.0.2", "FR", "Paris", "mobile", "Safari", "iOS");
		List<WebsiteEvent> events = List.of(visit("a", 1_000, EventType.SESSION_START, null, BERLIN),
				visit("a", 2_000, EventType.PAGE_VIEW, "/p1", BERLIN), visit("a", 3_000, EventType.PAGE_VIEW, "/p2", BERLIN),
				new WebsiteEvent("buy", 4_000, EventType.CONVERSION, "a", "s-a", null, BERLIN, new ConversionData("o1", 40)),
				visit("b", 2_000, EventType.SESSION_START, null, paris), visit("b", 2_500, EventType.PAGE_VIEW, "/p1", paris),
				visit("c", 12_000, EventType.PAGE_VIEW, "/p3", BERLIN));

		List<MetricResult> results = allTraffic(run(events));
		List<MetricResult> first = audience(results, -10_000);
		List<MetricResult> second = audience(results, 0);

		assertThat(first).containsExactlyInAnyOrder(metric(AudienceWindow.CONVERSION_RATE, -10_000, 0.5),
				metric(AudienceWindow.REVENUE_PER_USER, -10_000, 20), tagged(AudienceWindow.TOP_PAGES, -10_000, 2, "url", "/p1"),
				tagged(AudienceWindow.TOP_PAGES, -10_000, 1, "url", "/p2"),
				tagged(AudienceWindow.VISITORS_BY_COUNTRY, -10_000, 1, "country", "DE"),
				tagged(AudienceWindow.VISITORS_BY_COUNTRY, -10_000, 1, "country", "FR"));
		assertThat(second).contains(metric(AudienceWindow.CONVERSION_RATE, 0, 1 / 3.0),
				metric(AudienceWindow.REVENUE_PER_USER, 0, 40 / 3.0),
				tagged(AudienceWindow.VISITORS_BY_COUNTRY, 0, 2, "country", "DE"));
	}

	@Test
	void countsRealTrafficAloneInTheRealOnlyResultsAndAllTrafficInTheOthers() throws Exception {
		List<WebsiteEvent> events = List.of(
				// a real visit: two pages, a purchase of 40, over 2 s
				start("r", 1_000), pageView("r", 1_500), pageView("r", 2_000),
				new WebsiteEvent("buy-r", 2_500, EventType.CONVERSION, "r", "s-r", null, BERLIN, new ConversionData("o1", 40)),
				end("r", 3_000),
				// simulated visits in the same windows: one bounces, one buys for 100
				simulated(start("s1", 1_000)), simulated(pageView("s1", 1_200)), simulated(end("s1", 1_400)),
				simulated(pageView("s2", 2_500)),
				simulated(new WebsiteEvent("buy-s2", 2_600, EventType.CONVERSION, "s2", "s-s2", null, BERLIN,
						new ConversionData("o2", 100))),
				simulated(end("s2", 2_700)),
				// a window of simulated traffic alone
				simulated(pageView("s3", 11_000)));

		List<MetricResult> results = beforeTheBreakdowns(run(events));

		assertThat(results.stream().filter(MetricResult::realOnly).toList()).containsExactlyInAnyOrder(
				real(MetricResult.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, 0, 5_000, 2 / 5.0)),
				real(MetricResult.of(TrafficWindow.ACTIVE_USERS, 0, 5_000, 1)),
				real(MetricResult.of(SessionWindow.BOUNCE_RATE, 0, 5_000, 0.0)),
				real(MetricResult.of(SessionWindow.AVERAGE_SESSION_DURATION, 0, 5_000, 2.0)),
				real(metric(AudienceWindow.CONVERSION_RATE, -10_000, 1.0)),
				real(metric(AudienceWindow.REVENUE_PER_USER, -10_000, 40)),
				real(tagged(AudienceWindow.TOP_PAGES, -10_000, 2, "url", "/shop/product/1")),
				real(tagged(AudienceWindow.VISITORS_BY_COUNTRY, -10_000, 1, "country", "DE")),
				real(metric(AudienceWindow.CONVERSION_RATE, 0, 1.0)), real(metric(AudienceWindow.REVENUE_PER_USER, 0, 40)),
				real(tagged(AudienceWindow.TOP_PAGES, 0, 2, "url", "/shop/product/1")),
				real(tagged(AudienceWindow.VISITORS_BY_COUNTRY, 0, 1, "country", "DE")));
		assertThat(results.stream().filter(result -> !result.realOnly()).toList()).contains(
				MetricResult.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, 0, 5_000, 4 / 5.0),
				MetricResult.of(TrafficWindow.ACTIVE_USERS, 0, 5_000, 3),
				MetricResult.of(TrafficWindow.ACTIVE_USERS, 10_000, 15_000, 1),
				MetricResult.of(SessionWindow.BOUNCE_RATE, 0, 5_000, 2 / 3.0),
				metric(AudienceWindow.CONVERSION_RATE, -10_000, 2 / 3.0),
				metric(AudienceWindow.REVENUE_PER_USER, -10_000, 140 / 3.0));
	}

	/** The results of all traffic; these tests' events are all real, so the real-only results are the same. */
	private static List<MetricResult> allTraffic(List<MetricResult> results) {
		return results.stream().filter(result -> !result.realOnly()).toList();
	}

	private static WebsiteEvent simulated(WebsiteEvent event) {
		return new WebsiteEvent(event.eventId(), event.timestamp(), event.eventType(), event.userId(), event.sessionId(),
				event.pageViewData(), event.sessionData(), event.conversionData(), true);
	}

	private static MetricResult real(MetricResult result) {
		return new MetricResult(result.measurement(), result.windowStart(), result.windowEnd(), result.value(),
				result.tagKey(), result.tagValue(), true);
	}

	/** The measurements this test is about; the breakdowns have tests of their own ({@link BreakdownWindowsTest}). */
	private static List<MetricResult> beforeTheBreakdowns(List<MetricResult> results) {
		List<String> measurements = List.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, TrafficWindow.ACTIVE_USERS,
				SessionWindow.BOUNCE_RATE, SessionWindow.AVERAGE_SESSION_DURATION, AudienceWindow.CONVERSION_RATE,
				AudienceWindow.REVENUE_PER_USER, AudienceWindow.TOP_PAGES, AudienceWindow.VISITORS_BY_COUNTRY);
		return results.stream().filter(result -> measurements.contains(result.measurement())).toList();
	}

	private static List<MetricResult> audience(List<MetricResult> results, long windowStart) {
		return beforeTheBreakdowns(results).stream()
			.filter(result -> result.windowStart() == windowStart && result.windowEnd() - windowStart == 20_000)
			.toList();
	}

	private static MetricResult metric(String measurement, long start, double value) {
		return MetricResult.of(measurement, start, start + 20_000, value);
	}

	private static MetricResult tagged(String measurement, long start, double value, String tag, String tagValue) {
		return new MetricResult(measurement, start, start + 20_000, value, tag, tagValue);
	}

	private static WebsiteEvent visit(String user, long timestamp, EventType type, String url, SessionData where) {
		PageViewData page = (url != null) ? new PageViewData(url, url, null, 100) : null;
		return new WebsiteEvent(user + timestamp, timestamp, type, user, "s-" + user, page, where, null);
	}

	@Test
	void alertsOnceWhenTheBounceRateCrossesTheThreshold() throws Exception {
		List<WebsiteEvent> events = List.of(
				// 0-5 s: one visit of two pages, one of one page: 50 %
				start("a", 1_000), pageView("a", 1_500), pageView("a", 2_000), end("a", 2_500),
				start("b", 1_000), pageView("b", 1_500), end("b", 2_000),
				// 5-10 s and 10-15 s: every visit bounces: 100 %, twice
				start("c", 6_000), pageView("c", 6_500), end("c", 7_000),
				start("d", 11_000), pageView("d", 11_500), end("d", 12_000));

		List<Alert> alerts = wired(events).alerts().executeAndCollect(100);

		assertThat(alerts).extracting(Alert::type, Alert::key, Alert::timestamp, Alert::value)
			.containsExactly(tuple(Alert.HIGH_BOUNCE_RATE, Alert.SITE, 10_000L, 1.0));
	}

	@Test
	void alertsAboutAVisitorWhoseVisitsKeepBouncing() throws Exception {
		List<WebsiteEvent> events = new ArrayList<>();
		for (int visit = 0; visit < 3; visit++) {
			long at = visit * 60_000L;
			events.addAll(List.of(visit("v", at, EventType.SESSION_START, null, BERLIN),
					visit("v", at + 1_000, EventType.PAGE_VIEW, "/p" + visit, BERLIN),
					visit("v", at + 2_000, EventType.SESSION_END, null, BERLIN)));
		}
		events = events.stream()
			.map(event -> new WebsiteEvent(event.eventId(), event.timestamp(), event.eventType(), "v",
					"s-v-" + event.timestamp() / 60_000, event.pageViewData(), BERLIN, null))
			.toList();

		List<Alert> alerts = wired(events).alerts().executeAndCollect(100);

		assertThat(alerts).extracting(Alert::type, Alert::key, Alert::value)
			.containsExactly(tuple(Alert.VISITOR_BOUNCING, "v", 3.0));
	}

	@Test
	void setsApartEventsThatComeAfterTheirWindowClosed() throws Exception {
		// watermarks after every event (5 s behind it), so which event is late does not depend on timing
		List<WebsiteEvent> events = List.of(pageView("a", 1_000), pageView("b", 12_000), pageView("c", 3_000),
				pageView("d", 8_000));
		StreamExecutionEnvironment env = environment();
		DataStream<WebsiteEvent> timed = env.fromData(events)
			.assignTimestampsAndWatermarks(WatermarkStrategy.<WebsiteEvent>forGenerator(context -> new EveryEvent())
				.withTimestampAssigner((event, previous) -> event.timestamp()));

		AnalyticsJob.Outputs outputs = AnalyticsJob.wire(timed, settings());
		List<WebsiteEvent> late = outputs.lateEvents().executeAndCollect(10);

		// b's watermark (7 s) closed [0, 5 s): c at 3 s is late; d at 8 s is still in time for [5, 10 s)
		assertThat(late).extracting(WebsiteEvent::userId).containsExactly("c");
	}

	/** A watermark 5 s behind each event, right after it. */
	static final class EveryEvent implements WatermarkGenerator<WebsiteEvent> {

		private long highest = Long.MIN_VALUE + 5_001;

		@Override
		public void onEvent(WebsiteEvent event, long timestamp, WatermarkOutput output) {
			highest = Math.max(highest, timestamp);
			output.emitWatermark(new Watermark(highest - 5_001));
		}

		@Override
		public void onPeriodicEmit(WatermarkOutput output) {
		}

	}

	private static List<MetricResult> run(List<WebsiteEvent> events) throws Exception {
		return wired(events).metrics().executeAndCollect(1_000);
	}

	private static AnalyticsJob.Outputs wired(List<WebsiteEvent> events) {
		DataStream<WebsiteEvent> timed = environment().fromData(events)
			.assignTimestampsAndWatermarks(AnalyticsJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)));
		return AnalyticsJob.wire(timed, settings());
	}

	private static StreamExecutionEnvironment environment() {
		Configuration configuration = new Configuration();
		configuration.set(PipelineOptions.GENERIC_TYPES, false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		return env;
	}

	/** 5 s tumbling windows, visits over after 10 s, the audience over 20 s every 10 s. */
	private static AnalyticsProperties settings() {
		return new AnalyticsProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5),
				Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10), 0.7, 3, Duration.ofMinutes(30),
				Duration.ofMillis(5));
	}

	private static WebsiteEvent end(String user, long timestamp) {
		return new WebsiteEvent("e-end-" + user + timestamp, timestamp, EventType.SESSION_END, user, "s-" + user, null,
				BERLIN, null);
	}

	private static WebsiteEvent pageView(String user, long timestamp) {
		return new WebsiteEvent("e-" + user + timestamp, timestamp, EventType.PAGE_VIEW, user, "s-" + user,
				new PageViewData("/shop/product/1", "Shoes #1", null, 300), BERLIN, null);
	}

	private static WebsiteEvent start(String user, long timestamp) {
		return new WebsiteEvent("e-start-" + user + timestamp, timestamp, EventType.SESSION_START, user, "s-" + user,
				null, BERLIN, null);
	}

	private static WebsiteEvent event(EventType type, String user, long timestamp) {
		return new WebsiteEvent("e-" + user + timestamp, timestamp, type, user, "s-" + user + "-anon", null, BERLIN,
				null);
	}

}
