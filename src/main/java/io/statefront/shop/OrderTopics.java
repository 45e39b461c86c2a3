package io.statefront.shop;

import io.statefront.platform.gateway.ReplyTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The order service's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

	static final String ORDERS_CREATE = "orders-create";

	static final String ORDERS = OrderMessage.TOPIC;

	static final String ORDER_EVENTS = "order-events";

	private static final int PARTITIONS = 4;

	/** Command logs are kept forever: replaying them rebuilds the functions' state from nothing. */
	@Bean
	NewTopic ordersCreateTopic() {
		return TopicBuilder.name(ORDERS_CREATE).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	@Bean
	NewTopic ordersTopic() {
		return TopicBuilder.name(ORDERS).partitions(PARTITIONS).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	@Bean
	ReplyTopic orderEventsTopic() {
		return new ReplyTopic(ORDER_EVENTS, PARTITIONS);
	}

}
