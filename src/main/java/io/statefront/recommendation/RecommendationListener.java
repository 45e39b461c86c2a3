package io.statefront.recommendation;

import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Pushes each shopper's recommendations to that shopper alone, at {@code /user/queue/recommendations}. */
@Component
class RecommendationListener {

	static final String DESTINATION = "/queue/recommendations";

	private static final Logger log = LoggerFactory.getLogger(RecommendationListener.class);

	private final SimpMessagingTemplate stomp;

	private final LatestRecommendations latest;

	RecommendationListener(SimpMessagingTemplate stomp, LatestRecommendations latest) {
		this.stomp = stomp;
		this.latest = latest;
	}

	// not "statefront-recommendations": that is the recommendations job's own consumer group
	@KafkaListener(id = "recommendations-listener", groupId = "statefront-recommendation-push",
			topics = Recommendations.TOPIC, properties = "auto.offset.reset=latest")
	void onRecommendations(ConsumerRecord<String, byte[]> record) {
		try {
			Recommendations recommendations = Json.read(record.value(), Recommendations.class);
			latest.remember(recommendations);
			stomp.convertAndSendToUser(recommendations.shopperId(), DESTINATION, recommendations);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping a record of {} that is not a recommendation: {}", record.topic(), ex.getMessage());
		}
	}

}
