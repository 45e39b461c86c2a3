package io.statefront.platform.flink;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic of {@link AppliedChange}s, when the functions job keeps them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("statefront.flink.applied-change-log")
class AppliedChangeLogConfiguration {

	@Bean
	NewTopic appliedChangesTopic() {
		return TopicBuilder.name(AppliedChange.TOPIC)
			.partitions(4)
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.build();
	}

}
