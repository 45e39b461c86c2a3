package io.statefront.ledger;

import io.statefront.platform.gateway.ReplyTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The ledger's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

	static final String USERS_CREATE = "users-create";

	static final String USERS = UserCommand.TOPIC;

	static final String USER_EVENTS = "user-events";

	private static final int PARTITIONS = 4;

	/** Command logs are kept forever: replaying them rebuilds the functions' state from nothing. */
	@Bean
	NewTopic usersCreateTopic() {
		return TopicBuilder.name(USERS_CREATE).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	@Bean
	NewTopic usersTopic() {
		return TopicBuilder.name(USERS).partitions(PARTITIONS).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	@Bean
	ReplyTopic userEventsTopic() {
		return new ReplyTopic(USER_EVENTS, PARTITIONS);
	}

}
