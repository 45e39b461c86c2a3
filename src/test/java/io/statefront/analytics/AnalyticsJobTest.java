package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wired analytics job on a local MiniCluster, fed events out of order, against hand counts. */
class AnalyticsJobTest {

	private static final SessionData BERLIN = new SessionData("test", "10.0.0.1", "DE", "Berlin", "desktop",
			"Firefox", "Linux");

	@Test
	void countsPageViewsPerSecondAndDistinctVisitorsPerWindowInEventTime() throws Exception {
		List<WebsiteEvent> events = List.of(pageView("a", 1_000), pageView("b", 6_000), pageView("b", 4_000),
				start("c", 3_000), pageView("a", 2_000), pageView("a", 9_999), event(EventType.SESSION_END, null, 4_500));

		List<MetricResult> results = run(events).stream()
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

		List<MetricResult> results = run(events).stream()
			.filter(result -> result.measurement().equals(SessionWindow.BOUNCE_RATE)
					|| result.measurement().equals(SessionWindow.AVERAGE_SESSION_DURATION))
			.toList();

		assertThat(results).containsExactlyInAnyOrder(MetricResult.of(SessionWindow.BOUNCE_RATE, 0, 5_000, 0.5),
				MetricResult.of(SessionWindow.AVERAGE_SESSION_DURATION, 0, 5_000, 2.0),
				MetricResult.of(SessionWindow.BOUNCE_RATE, 15_000, 20_000, 1.0),
				MetricResult.of(SessionWindow.AVERAGE_SESSION_DURATION, 15_000, 20_000, 0.5));
	}

	private static List<MetricResult> run(List<WebsiteEvent> events) throws Exception {
		Configuration configuration = new Configuration();
		configuration.set(PipelineOptions.GENERIC_TYPES, false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		DataStream<WebsiteEvent> timed = env.fromData(events)
			.assignTimestampsAndWatermarks(AnalyticsJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)));
		return AnalyticsJob.wire(timed, Duration.ofSeconds(5), Duration.ofSeconds(10)).metrics().executeAndCollect(100);
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
