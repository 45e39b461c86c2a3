package io.statefront.platform.kafka;

import java.util.List;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded broker unless {@code spring.kafka.bootstrap-servers} points at a cluster,
 * and points every Kafka client Spring Boot builds at it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalKafkaCondition.class)
class EmbeddedKafkaConfiguration {

	/** Starts the broker before any bean is created, as the {@code embeddedKafkaBroker} bean. */
	@Bean
	static EmbeddedKafkaStarter embeddedKafkaStarter(Environment environment) {
		return new EmbeddedKafkaStarter(environment);
	}

	@Bean
	KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaBroker broker) {
		// the broker starts beside the rest of the context: a client gets its address once it serves
		return () -> {
			broker.awaitStarted();
			return List.of(broker.bootstrapServers());
		};
	}

}
