package io.statefront.platform.kafka;

import java.util.List;

import io.statefront.platform.RetentionProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every kind of topic gets the cluster's replication settings when they are set, and the broker's defaults when not. */
class TopicReplicationTest {

	@Test
	void onAClusterEveryTopicHasTheReplicationFactorAndTheInSyncReplicasAskedFor() {
		TopicHorizons topics = new TopicHorizons(RetentionProperties.defaults(), new KafkaTopicsProperties(3, 2));

		for (NewTopic topic : List.of(topics.command("users", 4), topics.replies("user-events", 4),
				topics.events("shop-events", 4), topics.compacted("stock-levels", 4))) {
			assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3);
			assertThat(topic.configs()).as(topic.name()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
			assertThat(topic.numPartitions()).as(topic.name()).isEqualTo(4);
		}
	}

	@Test
	void unsetTheBrokersDefaultsApply() {
		TopicHorizons topics = new TopicHorizons(RetentionProperties.defaults(), KafkaTopicsProperties.clusterDefaults());

		NewTopic topic = topics.command("users", 4);

		assertThat(topic.replicationFactor()).as("the broker's default.replication.factor").isEqualTo((short) -1);
		assertThat(topic.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
	}

	@Test
	void moreInSyncReplicasThanCopiesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaTopicsProperties(2, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaTopicsProperties(0, null));
	}

}
