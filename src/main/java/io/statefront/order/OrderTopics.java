package io.statefront.order;

import io.statefront.platform.gateway.ReplyTopic;
import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order service's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

	static final String ORDERS_CREATE = "orders-create";

	static final String ORDERS = OrderMessage.TOPIC;

	static final String ORDER_EVENTS = "order-events";

	private static final int PARTITIONS = 4;

	/** Command logs are kept as long as a restore can replay them (statefront.retention.command-log). */
	@Bean
	NewTopic ordersCreateTopic(TopicHorizons topics) {
		return topics.command(ORDERS_CREATE, 1);
	}

	@Bean
	NewTopic ordersTopic(TopicHorizons topics) {
		return topics.command(ORDERS, PARTITIONS);
	}

	/** Every paid order, the latest record per order id: the archive's own log, kept for good. */
	@Bean
	NewTopic orderArchiveTopic(TopicHorizons topics) {
		return topics.compacted(ArchivedOrder.TOPIC, PARTITIONS);
	}

	/** Refused checkouts, for analytics: events, kept as long as the other event topics. */
	@Bean
	NewTopic checkoutRefusalsTopic(TopicHorizons topics) {
		return topics.events(RefusedCheckout.TOPIC, PARTITIONS);
	}

	@Bean
	ReplyTopic orderEventsTopic() {
		return new ReplyTopic(ORDER_EVENTS, PARTITIONS);
	}

}
