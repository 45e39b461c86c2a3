package io.statefront.recommendation;

import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recommendation topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class RecommendationTopics {

	static final int PARTITIONS = 4;

	@Bean
	NewTopic shopEventsTopic(TopicHorizons topics) {
		return topics.events(ShopEvent.TOPIC, 4);
	}

	@Bean
	NewTopic recommendationsTopic(TopicHorizons topics) {
		return topics.events(Recommendations.TOPIC, PARTITIONS);
	}

}
