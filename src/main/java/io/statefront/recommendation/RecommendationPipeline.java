package io.statefront.recommendation;

import io.statefront.platform.RetentionProperties;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/**
 * Connects the {@link RecommendationJob} topology to Kafka as the "recommendations" job: shop events
 * in, each shopper's recommendations out, keyed by shopper.
 */
@Component
class RecommendationPipeline implements FlinkJobPart {

	private final RetentionProperties retention;

	RecommendationPipeline(RetentionProperties retention) {
		this.retention = retention;
	}

	@Override
	public String job() {
		return "recommendations";
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		DataStream<ShopEvent> events = env
			.fromSource(kafka.eventSource(ShopEvent.TOPIC, ShopEvent.class), WatermarkStrategy.noWatermarks(),
					"shop events")
			.uid("shop-events-source");
		RecommendationJob.wire(events, retention.shopperBehaviour())
			.sinkTo(kafka.sink(Recommendations.TOPIC, Recommendations::shopperId))
			.uid("recommendations-sink")
			.name("recommendations");
	}

}
