package io.statefront.order;

import java.util.Map;
import java.util.stream.IntStream;

import io.statefront.platform.kafka.BatchedFetches;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.ExponentialBackOff;

/** The archive's listener, which must never skip an order. */
@Configuration(proxyBeanMethods = false)
class OrderArchiveConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OrderArchiveConfiguration.class);

	@Bean
	OrderArchiveListener orderArchiveListener(OrderArchive archive) {
		return new OrderArchiveListener(archive);
	}

	/**
	 * Every partition of the order-archive topic, assigned to the listener rather than shared out
	 * by a consumer group (see {@link OrderArchiveListener}); nothing is committed to Kafka, the
	 * archive keeps its own position. The partitions are counted at start: partitions added to the
	 * topic later are read after the next start.
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
		// nothing to commit: the container would choose this itself without a group id
		properties.setAckMode(AckMode.MANUAL);
		properties.getKafkaConsumerProperties().setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// nobody waits on the archive while the functions still know the order
		properties.getKafkaConsumerProperties().putAll(BatchedFetches.settings());
		properties.setClientId("statefront-order-archive");
		KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(consumers,
				properties);
		container.setCommonErrorHandler(neverSkipping());
		return container;
	}

	/**
	 * Tries a batch again, waits growing to 30 s, for as long as it takes, whatever failed: a
	 * handler's default gives up at once on some exceptions and logs the batch away, and an order
	 * skipped here is lost once the functions have forgotten it. A stalled archive says so.
	 */
	private static DefaultErrorHandler neverSkipping() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
			throw new IllegalStateException("The order archive never skips an order", failure);
		}, backOff);
		handler.setClassifications(Map.of(), true);
		handler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
			}

			@Override
			public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
				if (attempt % 10 == 1) {
					log.warn("The order archive could not keep {} orders (attempt {}), trying again: {}",
							records.count(), attempt, failure.toString());
				}
			}

		});
		return handler;
	}

}
