package io.statefront.platform.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserOperation;
import io.statefront.ledger.UserResponse;
import io.statefront.ledger.UserResult;
import io.statefront.platform.tracing.FunctionSpans;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.kafka.TopicHorizons;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing the reply topics, each claiming a reply partition of its own, beside the
 * application's own gateway (which claims none and listens to all): a request sent through the real
 * functions job is answered on the partition its instance claimed, that instance alone listens
 * there, and the reply completes the request that asked.
 */
class ReplyPartitionsIntegrationTest extends IntegrationTest {

	private static final String USERS = UserCommand.TOPIC;

	private static final String USER_EVENTS = "user-events";

	@Autowired
	ProducerFactory<String, byte[]> producerFactory;

	@Autowired
	ConsumerFactory<String, byte[]> consumerFactory;

	@Autowired
	List<ReplyTopic> replyTopics;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	TopicHorizons horizons;

	@Autowired
	FlinkRuntime flink;

	private final List<ReplyingKafkaTemplate<String, byte[], byte[]>> templates = new java.util.ArrayList<>();

	private final List<RequestReplyGateway> gateways = new java.util.ArrayList<>();

	@AfterEach
	void stopInstances() {
		gateways.forEach(RequestReplyGateway::destroy);
		templates.forEach(ReplyingKafkaTemplate::stop);
	}

	@Test
	void eachInstanceGetsItsRepliesOnThePartitionItClaimed() throws Exception {
		RequestReplyGateway first = instance(1);
		RequestReplyGateway second = instance(3);
		assertThat(templates.get(0).getAssignedReplyTopicPartitions())
			.filteredOn(partition -> partition.topic().equals(USER_EVENTS))
			.extracting(TopicPartition::partition)
			.containsExactly(1);

		Map<Integer, Long> before = endOffsets();
		String firstId = first.newRequestId();
		String secondId = second.newRequestId();
		assertThat(firstId).startsWith("@1/");
		assertThat(secondId).startsWith("@3/");

		UserResult firstAnswer = find(first, firstId, "9000001");
		UserResult secondAnswer = find(second, secondId, "9000002");

		assertThat(firstAnswer.userId()).isEqualTo("9000001");
		assertThat(firstAnswer.outcome()).isEqualTo(UserResult.Outcome.NOT_FOUND);
		assertThat(secondAnswer.userId()).isEqualTo("9000002");
		Map<Integer, Long> after = endOffsets();
		assertThat(after.get(1) - before.get(1)).as("the first instance's reply, on its partition").isEqualTo(1);
		assertThat(after.get(3) - before.get(3)).as("the second instance's reply, on its partition").isEqualTo(1);
		assertThat(after.get(0) - before.get(0) + after.get(2) - before.get(2)).as("nothing on the others").isZero();
	}

	@Test
	void theOnlyInstanceAsksWithPlainIdsAndListensEverywhere() {
		RequestReplyGateway only = new RequestReplyGateway(templates(List.of()), flink,
				new GatewayProperties(Duration.ofSeconds(10), 10, 10, List.of()), new SimpleMeterRegistry(),
				FunctionSpans.none());
		gateways.add(only);

		assertThat(only.newRequestId()).doesNotStartWith("@").hasSize(36);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(templates.get(0).getAssignedReplyTopicPartitions())
				.filteredOn(partition -> partition.topic().equals(USER_EVENTS))
				.hasSize(kafkaAdmin.describeTopics(USER_EVENTS).get(USER_EVENTS).partitions().size()));
	}

	private UserResult find(RequestReplyGateway gateway, String requestId, String userId) throws Exception {
		return gateway
			.request(RequestPool.API, FlinkJobPart.FUNCTIONS_JOB, USERS, userId, requestId,
					new UserCommand(requestId, null, UserOperation.FIND, userId, 0, null), UserResponse.class)
			.get(30, TimeUnit.SECONDS)
			.result();
	}

	private RequestReplyGateway instance(int partition) {
		ReplyingKafkaTemplate<String, byte[], byte[]> template = templates(List.of(partition));
		await().atMost(Duration.ofSeconds(30)).until(() -> template.getAssignedReplyTopicPartitions() != null
				&& !template.getAssignedReplyTopicPartitions().isEmpty());
		RequestReplyGateway gateway = new RequestReplyGateway(template, flink,
				new GatewayProperties(Duration.ofSeconds(20), 10, 10, List.of(partition)), new SimpleMeterRegistry(),
				FunctionSpans.none());
		gateways.add(gateway);
		return gateway;
	}

	private ReplyingKafkaTemplate<String, byte[], byte[]> templates(List<Integer> claimed) {
		ReplyingKafkaTemplate<String, byte[], byte[]> template = GatewayConfiguration
			.replyingKafkaTemplate(producerFactory, consumerFactory, replyTopics, kafkaAdmin, horizons, claimed,
					new ReplyTimeouts());
		template.start();
		templates.add(template);
		return template;
	}

	private Map<Integer, Long> endOffsets() throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			for (int partition = 0; partition < 4; partition++) {
				latest.put(new TopicPartition(USER_EVENTS, partition), OffsetSpec.latest());
			}
			Map<Integer, Long> offsets = new java.util.HashMap<>();
			admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
			return offsets;
		}
	}

}
