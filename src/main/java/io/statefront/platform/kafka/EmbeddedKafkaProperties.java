package io.statefront.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process broker used when no {@code spring.kafka.bootstrap-servers} is configured.
 *
 * @param port the client listener's port; 0 picks a free one (tests)
 * @param controllerPort the KRaft controller listener's port; 0 picks a free one
 */
@ConfigurationProperties("statefront.kafka.embedded")
record EmbeddedKafkaProperties(@DefaultValue("9092") int port, @DefaultValue("9093") int controllerPort) {
}
