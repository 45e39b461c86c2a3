package io.statefront.recommendation;

import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Pushes each shopper's recommendations to that shopper alone, at {@code /user/queue/recommendations}.
 * Every instance reads every partition (assigned, in no consumer group): the shopper's browser may
 * be connected to any of them, and only the one it is connected to has its session.
 */
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

	// from the end: a shopper wants what comes while the page is open, not what a restart missed
	@KafkaListener(id = "recommendations-listener", idIsGroup = false,
			topicPartitions = @TopicPartition(topic = Recommendations.TOPIC,
					partitions = "0-" + (RecommendationTopics.PARTITIONS - 1),
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0", seekPosition = "END")))
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
