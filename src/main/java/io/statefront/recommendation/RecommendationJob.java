package io.statefront.recommendation;

import java.time.Duration;

import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The recommendations job: shop events keyed by shopper through the {@link BehaviourFunction},
 * then all through the one {@link RecommendationFunction}, to the recommendations topic keyed by
 * shopper.
 */
public final class RecommendationJob {

	private RecommendationJob() {
	}

	public static void connect(StreamExecutionEnvironment env, FlinkKafka kafka, Duration behaviourHorizon) {
		DataStream<ShopEvent> events = env
			.fromSource(kafka.eventSource(ShopEvent.TOPIC, ShopEvent.class), WatermarkStrategy.noWatermarks(),
					"shop events")
			.uid("shop-events-source");
		wire(events, behaviourHorizon).sinkTo(kafka.sink(Recommendations.TOPIC, Recommendations::shopperId))
			.uid("recommendations-sink")
			.name("recommendations");
	}

	public static DataStream<Recommendations> wire(DataStream<ShopEvent> events, Duration behaviourHorizon) {
		return events.keyBy(ShopEvent::shopperId)
			.process(new BehaviourFunction(behaviourHorizon))
			.uid("behaviour-function")
			.name("shopper behaviour")
			.keyBy(moment -> 0)
			.process(new RecommendationFunction())
			.uid("recommendation-function")
			.name("recommendations");
	}

}
