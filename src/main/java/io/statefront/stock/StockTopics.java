package io.statefront.stock;

import io.statefront.platform.gateway.ReplyTopic;
import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stock service's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class StockTopics {

	static final String STOCK_CREATE = "stock-create";

	static final String STOCK = ItemCommand.TOPIC;

	static final String STOCK_EVENTS = "stock-events";

	static final int PARTITIONS = 4;

	/** Command logs are kept as long as a restore can replay them (statefront.retention.command-log). */
	@Bean
	NewTopic stockCreateTopic(TopicHorizons topics) {
		return topics.command(STOCK_CREATE, 1);
	}

	@Bean
	NewTopic stockTopic(TopicHorizons topics) {
		return topics.command(STOCK, PARTITIONS);
	}

	/** Compacted: the latest level of every item, which the pages' view reads from the start. */
	@Bean
	NewTopic stockLevelsTopic(TopicHorizons topics) {
		return topics.compacted(StockLevel.TOPIC, PARTITIONS);
	}

	@Bean
	ReplyTopic stockEventsTopic() {
		return new ReplyTopic(STOCK_EVENTS, PARTITIONS);
	}

}
