package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The analytics job's own window and CEP operators, taken from the job graph {@link AnalyticsJob#wire}
 * builds and driven one element and one watermark at a time with Flink's operator test harness,
 * against hand-computed results.
 */
class AnalyticsOperatorsTest {

	private static final SessionData BERLIN = new SessionData("test", "10.0.0.1", "Germany", "Berlin", "desktop",
			"Firefox", "Linux");

	@Test
	void theTrafficWindowFiresWhenTheWatermarkPassesItsEndCountingOutOfOrderEventsAndSettingLateOnesApart()
			throws Exception {
		try (KeyedOneInputStreamOperatorTestHarness<Object, WebsiteEvent, MetricResult> window = harness(
				"traffic per window")) {
			window.open();
			window.processElement(record(pageView("ann", 1_000)));
			window.processElement(record(pageView("bob", 4_000)));
			window.processElement(record(event(EventType.SESSION_START, "ann", 2_000)));
			window.processElement(record(pageView("ann", 6_000)));
			window.processElement(record(pageView("cid", 3_000))); // out of order, still in time
			window.processWatermark(4_998);
			assertThat(window.extractOutputValues()).isEmpty();

			window.processWatermark(4_999);
			// [0, 5 s): three page views over five seconds, by ann, bob and cid
			assertThat(window.extractOutputValues()).extracting(MetricResult::measurement, MetricResult::windowStart,
					MetricResult::windowEnd, MetricResult::value)
				.containsExactly(tuple("page_views_per_second", 0L, 5_000L, 0.6), tuple("active_users", 0L, 5_000L, 3.0));

			window.processElement(record(pageView("dan", 2_500))); // its window has closed
			window.processWatermark(9_999);

			assertThat(window.getSideOutput(AnalyticsJob.LATE_EVENTS)).extracting(StreamRecord::getValue)
				.extracting(WebsiteEvent::userId)
				.containsExactly("dan");
			// at 10 s, the first end at a multiple of 10 s, the current visitors: ann, bob and cid in the last 5 minutes
			assertThat(window.extractOutputValues()).extracting(MetricResult::measurement, MetricResult::windowEnd,
					MetricResult::value)
				.containsExactly(tuple("page_views_per_second", 5_000L, 0.6), tuple("active_users", 5_000L, 3.0),
						tuple("page_views_per_second", 10_000L, 0.2), tuple("active_users", 10_000L, 1.0),
						tuple("current_visitors", 10_000L, 3.0));
		}
	}

	@Test
	void aVisitorIsReportedAfterThreeBouncesInARowInEventTimeOrderWhateverTheArrivalOrder() throws Exception {
		try (KeyedOneInputStreamOperatorTestHarness<Object, SessionSummary, Alert> cep = harness("visitors bouncing")) {
			cep.open();
			cep.processElement(record(visit("v", 1_000, 1)));
			cep.processElement(record(visit("v", 2_000, 1)));
			cep.processElement(record(visit("v", 3_000, 2))); // two pages: breaks the run
			cep.processElement(record(visit("v", 5_000, 1)));
			cep.processElement(record(visit("v", 4_000, 1))); // arrives late, belongs before 5 s
			cep.processElement(record(visit("w", 4_500, 1)));
			cep.processWatermark(5_999);
			assertThat(cep.extractOutputValues()).isEmpty();

			cep.processElement(record(visit("v", 6_000, 1)));
			cep.processWatermark(6_000);

			assertThat(cep.extractOutputValues()).extracting(Alert::type, Alert::key, Alert::timestamp, Alert::value)
				.containsExactly(tuple(Alert.VISITOR_BOUNCING, "v", 6_000L, 3.0));
		}
	}

	/** The operator {@code name} of the analytics job, in a harness keyed as in the job. */
	@SuppressWarnings("unchecked")
	private static <I, O> KeyedOneInputStreamOperatorTestHarness<Object, I, O> harness(String name) throws Exception {
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
		DataStream<WebsiteEvent> events = env.fromData(pageView("any", 0));
		AnalyticsJob.Outputs outputs = AnalyticsJob.wire(events, new AnalyticsProperties(Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(1),
				Duration.ofSeconds(10), 0.7, 3, Duration.ofMinutes(30), Duration.ofMillis(5)));
		OneInputTransformation<I, O> operator = (OneInputTransformation<I, O>) find(name,
				outputs.metrics().getTransformation(), outputs.alerts().getTransformation());
		return new KeyedOneInputStreamOperatorTestHarness<>(operator.getOperatorFactory(),
				(KeySelector<I, Object>) operator.getStateKeySelector(),
				(TypeInformation<Object>) operator.getStateKeyType());
	}

	private static Transformation<?> find(String name, Transformation<?>... roots) {
		Deque<Transformation<?>> left = new ArrayDeque<>(List.of(roots));
		while (!left.isEmpty()) {
			Transformation<?> transformation = left.pop();
			if (transformation.getName().equals(name)) {
				return transformation;
			}
			left.addAll(transformation.getInputs());
		}
		throw new IllegalArgumentException("The analytics job has no operator named " + name);
	}

	private static <T> StreamRecord<T> record(T value) {
		long timestamp = value instanceof WebsiteEvent event ? event.timestamp() : ((SessionSummary) value).end();
		return new StreamRecord<>(value, timestamp);
	}

	private static SessionSummary visit(String visitor, long end, int pages) {
		return new SessionSummary(visitor + "-" + end, visitor, end - 500, end, pages, false, false, true, null, null, null,
				false);
	}

	private static WebsiteEvent pageView(String user, long timestamp) {
		return new WebsiteEvent("e-" + user + timestamp, timestamp, EventType.PAGE_VIEW, user, "s-" + user,
				new PageViewData("/shop/product/1", "Product 1", null, 300), BERLIN, null);
	}

	private static WebsiteEvent event(EventType type, String user, long timestamp) {
		return new WebsiteEvent("e-" + user + timestamp, timestamp, type, user, "s-" + user, null, BERLIN, null);
	}

}
