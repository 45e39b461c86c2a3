package io.statefront.recommendation;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The recommendation topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class RecommendationTopics {

	@Bean
	NewTopic shopEventsTopic() {
		return TopicBuilder.name(ShopEvent.TOPIC).partitions(4).build();
	}

	@Bean
	NewTopic recommendationsTopic() {
		return TopicBuilder.name(Recommendations.TOPIC).partitions(4).build();
	}

}
