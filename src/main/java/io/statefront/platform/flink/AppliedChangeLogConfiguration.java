package io.statefront.platform.flink;

import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic of {@link AppliedChange}s, when the functions job keeps them (by default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "statefront.flink.applied-change-log", matchIfMissing = true)
class AppliedChangeLogConfiguration {

	/** As many partitions as the users' and the items' topics. */
	static final int PARTITIONS = 4;

	@Bean
	NewTopic appliedChangesTopic(TopicHorizons topics) {
		return topics.history(AppliedChange.TOPIC, PARTITIONS);
	}

}
