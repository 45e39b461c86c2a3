package io.statefront.platform.kafka;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the application creates its topics on a Kafka cluster. Unset, a topic gets the cluster's
 * defaults ({@code default.replication.factor}, {@code min.insync.replicas}), which suit the one
 * embedded broker.
 *
 * @param replicationFactor copies of each partition, on as many brokers (3 on a cluster of three)
 * @param minInsyncReplicas copies that must have a message before it counts as written (every
 * producer of the application and of its jobs waits for them: {@code acks=all}); 2 of 3 lets one
 * broker go down without losing or refusing a write
 */
@ConfigurationProperties("statefront.kafka.topics")
public record KafkaTopicsProperties(@Nullable Integer replicationFactor, @Nullable Integer minInsyncReplicas) {

	public KafkaTopicsProperties {
		if (replicationFactor != null && replicationFactor < 1) {
			throw new IllegalArgumentException("statefront.kafka.topics.replication-factor is 1 or more");
		}
		if (minInsyncReplicas != null
				&& (minInsyncReplicas < 1 || (replicationFactor != null && minInsyncReplicas > replicationFactor))) {
			throw new IllegalArgumentException(
					"statefront.kafka.topics.min-insync-replicas is from 1 to the replication factor");
		}
	}

	/** The cluster's defaults. */
	public static KafkaTopicsProperties clusterDefaults() {
		return new KafkaTopicsProperties(null, null);
	}

}
