package io.statefront.platform.flink;

import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic of {@link AppliedChange}s, when the functions job keeps them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("statefront.flink.applied-change-log")
class AppliedChangeLogConfiguration {

	@Bean
	NewTopic appliedChangesTopic(TopicHorizons topics) {
		// kept as long as the commands that made the changes
		return topics.command(AppliedChange.TOPIC, 4);
	}

}
