package io.statefront.analytics;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The analytics topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class AnalyticsTopics {

	/** Twelve partitions, as the design gives them: room for the analytics job to scale out. */
	@Bean
	NewTopic websiteEventsTopic() {
		return TopicBuilder.name(WebsiteEvent.TOPIC).partitions(12).build();
	}

	@Bean
	NewTopic processedMetricsTopic() {
		return TopicBuilder.name(MetricResult.TOPIC).partitions(4).build();
	}

	@Bean
	NewTopic alertsTopic() {
		return TopicBuilder.name(Alert.TOPIC).partitions(4).build();
	}

}
