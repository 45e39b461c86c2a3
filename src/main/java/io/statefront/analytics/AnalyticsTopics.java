package io.statefront.analytics;

import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analytics topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class AnalyticsTopics {

	/** Twelve partitions, as the design gives them: room for the analytics job to scale out. */
	@Bean
	NewTopic websiteEventsTopic(TopicHorizons topics) {
		return topics.events(WebsiteEvent.TOPIC, 12);
	}

	@Bean
	NewTopic processedMetricsTopic(TopicHorizons topics) {
		return topics.events(MetricResult.TOPIC, 4);
	}

	@Bean
	NewTopic alertsTopic(TopicHorizons topics) {
		return topics.events(Alert.TOPIC, 4);
	}

}
