package io.statefront.recommendation;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The recommendations topology, independent of where events come from and results go: shop events
 * keyed by shopper through the {@link BehaviourFunction}, then all through the one
 * {@link RecommendationFunction}.
 */
public final class RecommendationJob {

	private RecommendationJob() {
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
