package io.statefront.platform.kafka;

import java.util.List;

import io.statefront.platform.StatefrontProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded broker unless {@code spring.kafka.bootstrap-servers} points at a cluster,
 * and points every Kafka client Spring Boot builds at it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalKafkaCondition.class)
class EmbeddedKafkaConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedKafkaBroker embeddedKafkaBroker(StatefrontProperties statefront, EmbeddedKafkaProperties embedded) {
		return new EmbeddedKafkaBroker(statefront.kafkaLogDir(), embedded.port(), embedded.controllerPort());
	}

	@Bean
	KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaBroker broker) {
		return () -> List.of(broker.bootstrapServers());
	}

}
