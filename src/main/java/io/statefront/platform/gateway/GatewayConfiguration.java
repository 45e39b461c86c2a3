package io.statefront.platform.gateway;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.CorrelationKey;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	/**
	 * Spring Kafka's request/reply template. Its reply listener assigns itself every partition of
	 * every reply topic, starting at the end, instead of joining a consumer group: after a crash a
	 * group member would wait for the dead member's session to time out before getting replies.
	 */
	@Bean
	ReplyingKafkaTemplate<String, byte[], byte[]> replyingKafkaTemplate(ProducerFactory<String, byte[]> producerFactory,
			ConsumerFactory<String, byte[]> consumerFactory, List<ReplyTopic> replyTopics) {
		TopicPartitionOffset[] partitions = replyTopics.stream()
			.flatMap(topic -> IntStream.range(0, topic.partitions())
				.mapToObj(partition -> new TopicPartitionOffset(topic.name(), partition, SeekPosition.END)))
			.toArray(TopicPartitionOffset[]::new);
		ContainerProperties containerProperties = new ContainerProperties(partitions);
		containerProperties.setPollTimeout(1000);
		KafkaMessageListenerContainer<String, byte[]> replies = new KafkaMessageListenerContainer<>(consumerFactory,
				containerProperties);
		ReplyingKafkaTemplate<String, byte[], byte[]> template = new ReplyingKafkaTemplate<>(producerFactory, replies);
		template.setCorrelationIdStrategy(record -> new CorrelationKey(RequestReplyGateway.requestId(record)));
		template.setSharedReplyTopic(true);
		return template;
	}

	@Bean
	KafkaAdmin.NewTopics replyTopicsToCreate(List<ReplyTopic> replyTopics) {
		return new KafkaAdmin.NewTopics(replyTopics.stream()
			.map(topic -> TopicBuilder.name(topic.name()).partitions(topic.partitions()).build())
			.toArray(NewTopic[]::new));
	}

}
