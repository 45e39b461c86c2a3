package io.statefront.order;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The archive's listener, which must never skip an order. */
@Configuration(proxyBeanMethods = false)
class OrderArchiveConfiguration {

	static final String LISTENER_FACTORY = "orderArchiveListenerFactory";

	/**
	 * Like Boot's listener factory, but a record the database cannot take now is tried again, with
	 * waits growing to 30 s, for as long as it takes: the functions forget a paid order once its
	 * horizon has passed, so one skipped here would be lost.
	 */
	@Bean(LISTENER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> orderArchiveListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

}
