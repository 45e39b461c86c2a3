package io.statefront.analytics;

import java.util.Map;

import io.statefront.order.ArchivedOrder;
import io.statefront.order.RefusedCheckout;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.stock.StockLevel;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import org.springframework.stereotype.Component;

/**
 * Connects the {@link AnalyticsJob} topology to Kafka as the "analytics" job: website events from
 * their topic (counted in), and the shop's refused checkouts, paid orders and stock levels, to the
 * metrics and alerts topics; late events are counted, then dropped. Public for the analytics benchmark, which runs the same job on a bare MiniCluster.
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

		AnalyticsJob.Outputs outputs = AnalyticsJob.wire(events, shopStreams(env, kafka), properties);

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

	/**
	 * The shop's topics the analytics job reads, each a few records per order, none per website event;
	 * read in batches, as their windows are seconds long.
	 */
	private AnalyticsJob.ShopStreams shopStreams(StreamExecutionEnvironment env, FlinkKafka kafka) {
		DataStream<RefusedCheckout> refusals = env.fromSource(
				kafka.batchedEventSource(RefusedCheckout.TOPIC, RefusedCheckout.class),
				timed(RefusedCheckout::refusedAt), RefusedCheckout.TOPIC)
			.uid("checkout-refusals-source");
		DataStream<ArchivedOrder> paid = env.fromSource(kafka.batchedEventSource(ArchivedOrder.TOPIC, ArchivedOrder.class),
				timed(ArchivedOrder::paidAt), ArchivedOrder.TOPIC)
			.uid("order-archive-source");
		// alerts alone, keyed by item: no window waits on their time
		DataStream<StockLevel> levels = env.fromSource(kafka.batchedEventSource(StockLevel.TOPIC, StockLevel.class),
				WatermarkStrategy.noWatermarks(), StockLevel.TOPIC)
			.uid("stock-levels-source");
		return new AnalyticsJob.ShopStreams(refusals, paid, levels);
	}

	private <T> WatermarkStrategy<T> timed(SerializableTimestamp<T> time) {
		return WatermarkStrategy.<T>forBoundedOutOfOrderness(properties.outOfOrderness())
			.withTimestampAssigner((record, recordTimestamp) -> time.of(record))
			.withIdleness(properties.idleness());
	}

	private interface SerializableTimestamp<T> extends java.io.Serializable {

		long of(T record);

	}

}
