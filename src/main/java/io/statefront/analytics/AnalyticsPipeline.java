package io.statefront.analytics;

import java.util.Map;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import org.springframework.stereotype.Component;

/**
 * Connects the {@link AnalyticsJob} topology to Kafka as the "analytics" job: website events from
 * their topic (counted in), to the metrics and alerts topics; late events are counted, then
 * dropped. Public for the analytics benchmark, which runs the same job on a bare MiniCluster.
 *
 * <p>Its state lives on the heap whatever {@code statefront.flink.state-backend} says: it is
 * bounded by its windows (the last minute's audience, the visits still open), not by the shop's
 * history, and a window's accumulator is then updated in place. In RocksDB each event read,
 * deserialised and wrote back the whole accumulator of each of the six sliding windows it falls in:
 * a quarter of the application's CPU at the simulator's 200 events/s under checkout load (JFR).
 */
@Component
public class AnalyticsPipeline implements FlinkJobPart {

	static final String ANALYTICS_JOB = "analytics";

	private final AnalyticsProperties properties;

	public AnalyticsPipeline(AnalyticsProperties properties) {
		this.properties = properties;
	}

	@Override
	public String job() {
		return ANALYTICS_JOB;
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		env.setBufferTimeout(properties.bufferTimeout().toMillis());
		env.configure(Configuration.fromMap(Map.of(StateBackendOptions.STATE_BACKEND.key(), "hashmap")));
		DataStream<WebsiteEvent> events = env
			.fromSource(kafka.eventSource(WebsiteEvent.TOPIC, WebsiteEvent.class),
					AnalyticsJob.watermarks(properties.outOfOrderness(), properties.idleness()), "website events")
			.uid("website-events-source")
			.map(new EventCounter(EventCounter.EVENTS_IN))
			.uid("events-in-counter")
			.name("events in");

		AnalyticsJob.Outputs outputs = AnalyticsJob.wire(events, properties);

		outputs.metrics()
			.sinkTo(kafka.sink(MetricResult.TOPIC, MetricResult::measurement))
			.uid("processed-metrics-sink")
			.name("processed-metrics");
		outputs.alerts().sinkTo(kafka.sink(Alert.TOPIC, Alert::key)).uid("cep-alerts-sink").name("cep-alerts");
		outputs.lateEvents()
			.map(new EventCounter(EventCounter.EVENTS_LATE))
			.uid("late-event-counter")
			.name("late events")
			.sinkTo(new DiscardingSink<>())
			.uid("late-events-sink");
	}

}
