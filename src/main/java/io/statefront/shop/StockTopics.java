package io.statefront.shop;

import io.statefront.platform.gateway.ReplyTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The stock service's topics, created at startup when missing. */
@Configuration(proxyBeanMethods = false)
class StockTopics {

	static final String STOCK_CREATE = "stock-create";

	static final String STOCK = ItemCommand.TOPIC;

	static final String STOCK_EVENTS = "stock-events";

	static final int PARTITIONS = 4;

	/** Command logs are kept forever: replaying them rebuilds the functions' state from nothing. */
	@Bean
	NewTopic stockCreateTopic() {
		return TopicBuilder.name(STOCK_CREATE).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	@Bean
	NewTopic stockTopic() {
		return TopicBuilder.name(STOCK).partitions(PARTITIONS).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
	}

	/** Compacted: the latest level of every item, which the pages' view reads from the start. */
	@Bean
	NewTopic stockLevelsTopic() {
		return TopicBuilder.name(StockLevel.TOPIC).partitions(PARTITIONS).compact().build();
	}

	@Bean
	ReplyTopic stockEventsTopic() {
		return new ReplyTopic(STOCK_EVENTS, PARTITIONS);
	}

}
