package io.statefront.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * Bounce alerts as Flink CEP patterns in event time: a visitor whose visits keep bouncing, and
 * the site's bounce rate crossing a threshold (once when it crosses, not in every window above
 * it, so a bad hour is one alert rather than seven hundred).
 */
final class BounceAlerts {

	private BounceAlerts() {
	}

	/** {@code bounces} visits in a row of one visitor that each saw one page, within {@code within}. */
	static DataStream<Alert> visitorsBouncing(DataStream<SessionSummary> visits, int bounces, Duration within) {
		Pattern<SessionSummary, SessionSummary> pattern = Pattern.<SessionSummary>begin("bounces")
			.where(SimpleCondition.of(SessionSummary::bounced))
			.times(bounces)
			.consecutive()
			.within(within);
		return CEP.pattern(visits.keyBy(SessionSummary::visitorId), pattern)
			.process(new VisitorBouncing())
			.uid("visitor-bouncing-alerts")
			.name("visitors bouncing");
	}

	/** A window whose bounce rate is above {@code threshold} right after one that was not. */
	static DataStream<Alert> bounceRateCrossing(DataStream<MetricResult> bounceRates, double threshold) {
		Pattern<MetricResult, MetricResult> pattern = Pattern.<MetricResult>begin("normal")
			.where(SimpleCondition.of(rate -> rate.value() <= threshold))
			.next("high")
			.where(SimpleCondition.of(rate -> rate.value() > threshold));
		return CEP.pattern(bounceRates.keyBy(MetricResult::measurement), pattern)
			.process(new BounceRateCrossing(threshold))
			.uid("bounce-rate-alerts")
			.name("bounce rate crossing");
	}

	static final class VisitorBouncing extends PatternProcessFunction<SessionSummary, Alert> {

		@Override
		public void processMatch(Map<String, List<SessionSummary>> match, Context context, Collector<Alert> out) {
			List<SessionSummary> bounces = match.get("bounces");
			SessionSummary last = bounces.get(bounces.size() - 1);
			out.collect(new Alert(Alert.VISITOR_BOUNCING, last.visitorId(), last.end(), bounces.size(),
					"Visitor " + last.visitorId() + " left after one page " + bounces.size() + " visits in a row"));
		}

	}

	static final class BounceRateCrossing extends PatternProcessFunction<MetricResult, Alert> {

		private final double threshold;

		BounceRateCrossing(double threshold) {
			this.threshold = threshold;
		}

		@Override
		public void processMatch(Map<String, List<MetricResult>> match, Context context, Collector<Alert> out) {
			MetricResult high = match.get("high").get(0);
			out.collect(new Alert(Alert.HIGH_BOUNCE_RATE, Alert.SITE, high.windowEnd(), high.value(),
					String.format("Bounce rate %.0f %% in the window ending %tT, above the threshold of %.0f %%",
							high.value() * 100, high.windowEnd(), threshold * 100)));
		}

	}

}
