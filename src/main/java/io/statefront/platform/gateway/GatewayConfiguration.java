package io.statefront.platform.gateway;

import java.util.List;
import java.util.Map;

import io.statefront.platform.kafka.TopicHorizons;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.CorrelationKey;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;
import org.springframework.scheduling.TaskScheduler;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration implements DisposableBean {

	/** Not a bean: a {@code TaskScheduler} bean would become the one {@code @Scheduled} work runs on. */
	private final ReplyTimeouts replyTimeouts = new ReplyTimeouts();

	/**
	 * Spring Kafka's request/reply template. Its reply listener assigns itself every partition of
	 * every reply topic, starting at the end, instead of joining a consumer group: after a crash a
	 * group member would wait for the dead member's session to time out before getting replies.
	 * The reply topics are created here if missing and their partitions counted from the cluster,
	 * since an existing topic may have more than this application would create. An instance that
	 * claims {@link GatewayProperties#replyPartitions() reply partitions} listens to those alone, and
	 * the topics are grown to hold them.
	 */
	@Bean
	ReplyingKafkaTemplate<String, byte[], byte[]> replyingKafkaTemplate(ProducerFactory<String, byte[]> producerFactory,
			ConsumerFactory<String, byte[]> consumerFactory, List<ReplyTopic> replyTopics, KafkaAdmin kafkaAdmin,
			TopicHorizons horizons, GatewayProperties properties) {
		return replyingKafkaTemplate(producerFactory, consumerFactory, replyTopics, kafkaAdmin, horizons,
				properties.replyPartitions(), replyTimeouts);
	}

	@Override
	public void destroy() {
		replyTimeouts.destroy();
	}

	static ReplyingKafkaTemplate<String, byte[], byte[]> replyingKafkaTemplate(
			ProducerFactory<String, byte[]> producerFactory, ConsumerFactory<String, byte[]> consumerFactory,
			List<ReplyTopic> replyTopics, KafkaAdmin kafkaAdmin, TopicHorizons horizons, List<Integer> claimed,
			TaskScheduler timeouts) {
		int needed = claimed.stream().mapToInt(partition -> partition + 1).max().orElse(0);
		kafkaAdmin.createOrModifyTopics(replyTopics.stream()
			.map(topic -> horizons.replies(topic.name(), Math.max(topic.partitions(), needed)))
			.toArray(NewTopic[]::new));
		Map<String, TopicDescription> described = kafkaAdmin
			.describeTopics(replyTopics.stream().map(ReplyTopic::name).toArray(String[]::new));
		TopicPartitionOffset[] partitions = described.values()
			.stream()
			.flatMap(topic -> topic.partitions()
				.stream()
				.filter(partition -> claimed.isEmpty() || claimed.contains(partition.partition()))
				.map(partition -> new TopicPartitionOffset(topic.name(), partition.partition(), SeekPosition.END)))
			.toArray(TopicPartitionOffset[]::new);
		ContainerProperties containerProperties = new ContainerProperties(partitions);
		containerProperties.setPollTimeout(1000);
		KafkaMessageListenerContainer<String, byte[]> replies = new KafkaMessageListenerContainer<>(consumerFactory,
				containerProperties);
		ReplyingKafkaTemplate<String, byte[], byte[]> template = new ReplyingKafkaTemplate<>(producerFactory, replies);
		template.setTaskScheduler(timeouts);
		template.setCorrelationIdStrategy(record -> new CorrelationKey(RequestReplyGateway.requestId(record)));
		template.setSharedReplyTopic(true);
		// a span for each send, whose trace context goes along in the command's headers (W3C traceparent)
		template.setObservationEnabled(true);
		return template;
	}

}
