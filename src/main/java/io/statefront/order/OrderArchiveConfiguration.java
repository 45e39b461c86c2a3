package io.statefront.order;

import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.ExponentialBackOff;

/** The archive's listener, which must never skip an order. */
@Configuration(proxyBeanMethods = false)
class OrderArchiveConfiguration {

	@Bean
	OrderArchiveListener orderArchiveListener(OrderArchive archive) {
		return new OrderArchiveListener(archive);
	}

	/**
	 * Every partition of the order-archive topic, assigned to the listener rather than shared out
	 * by a consumer group (see {@link OrderArchiveListener}); nothing is committed to Kafka, the
	 * archive keeps its own position. A batch the database cannot take now is tried again, with
	 * waits growing to 30 s, for as long as it takes: the functions forget a paid order once its
	 * horizon has passed, so one skipped here would be lost.
	 */
	@Bean
	KafkaMessageListenerContainer<String, byte[]> orderArchiveContainer(ConsumerFactory<String, byte[]> consumers,
			KafkaAdmin admin, NewTopic orderArchiveTopic, OrderArchiveListener listener) {
		// created now if missing (the admin creates the others once every bean is made): its
		// partitions are counted from the cluster, which may hold more than this application makes
		admin.createOrModifyTopics(orderArchiveTopic);
		int partitions = admin.describeTopics(ArchivedOrder.TOPIC).get(ArchivedOrder.TOPIC).partitions().size();
		ContainerProperties properties = new ContainerProperties(IntStream.range(0, partitions)
			.mapToObj(partition -> new TopicPartitionOffset(ArchivedOrder.TOPIC, partition))
			.toArray(TopicPartitionOffset[]::new));
		properties.setMessageListener(listener);
		properties.setAckMode(AckMode.MANUAL);
		properties.getKafkaConsumerProperties().setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.setClientId("statefront-order-archive");
		KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(consumers,
				properties);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return container;
	}

}
