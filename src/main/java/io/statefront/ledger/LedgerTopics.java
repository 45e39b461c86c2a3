package io.statefront.ledger;

import io.statefront.platform.gateway.ReplyTopic;
import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

	static final String USERS_CREATE = "users-create";

	static final String USERS = UserCommand.TOPIC;

	static final String USER_EVENTS = "user-events";

	private static final int PARTITIONS = 4;

	/** Command logs are kept as long as a restore can replay them (statefront.retention.command-log). */
	@Bean
	NewTopic usersCreateTopic(TopicHorizons topics) {
		return topics.command(USERS_CREATE, 1);
	}

	@Bean
	NewTopic usersTopic(TopicHorizons topics) {
		return topics.command(USERS, PARTITIONS);
	}

	@Bean
	ReplyTopic userEventsTopic() {
		return new ReplyTopic(USER_EVENTS, PARTITIONS);
	}

}
