package io.statefront.platform.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The gateway's limits against the real broker: requests to a topic nobody answers time out, and
 * while they wait, no more than the configured number of requests is accepted.
 */
class RequestReplyGatewayIntegrationTest extends IntegrationTest {

	private static final String UNANSWERED = "gateway-test-unanswered";

	@Autowired
	ReplyingKafkaTemplate<String, byte[], byte[]> template;

	@Autowired
	FlinkRuntime flink;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@BeforeAll
	static void createUnansweredTopic(@Autowired KafkaAdmin kafkaAdmin) throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			admin.createTopics(List.of(new NewTopic(UNANSWERED, 1, (short) 1))).all().get();
		}
	}

	@Test
	void refusesRequestsBeyondItsBoundWithoutSendingThem() throws Exception {
		RequestReplyGateway gateway = gateway(Duration.ofSeconds(2), 2);
		CompletableFuture<String> first = request(gateway);
		CompletableFuture<String> second = request(gateway);

		assertThatExceptionOfType(PipelineUnavailableException.class).isThrownBy(() -> request(gateway))
			.withMessageContaining("2 requests are already waiting");
		assertThat(gateway.pendingRequests()).isEqualTo(2);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(first::join)
			.withCauseInstanceOf(KafkaReplyTimeoutException.class);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(second::join);
		assertThat(gateway.pendingRequests()).isZero();
		assertThat(messagesIn(UNANSWERED)).as("only the accepted requests were sent").isEqualTo(2);
		assertThatNoException().isThrownBy(() -> request(gateway).exceptionally(timeout -> null));
	}

	@Test
	void listensToEveryPartitionTheReplyTopicHas() {
		int partitions = kafkaAdmin.describeTopics("user-events").get("user-events").partitions().size();

		assertThat(template.getAssignedReplyTopicPartitions())
			.filteredOn(partition -> partition.topic().equals("user-events"))
			.hasSize(partitions);
	}

	@Test
	void refusesRequestsToAJobThatIsNotRunning() {
		RequestReplyGateway gateway = gateway(Duration.ofSeconds(1), 10);

		assertThatExceptionOfType(PipelineUnavailableException.class)
			.isThrownBy(() -> gateway.request("no-such-job", UNANSWERED, "k", RequestReplyGateway.newRequestId(),
					"hello", String.class))
			.withMessageContaining("'no-such-job' job is not running");
		assertThat(gateway.pendingRequests()).isZero();
	}

	private long messagesIn(String topic) throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
		}
	}

	private RequestReplyGateway gateway(Duration replyTimeout, int maxPending) {
		return new RequestReplyGateway(template, flink, new GatewayProperties(replyTimeout, maxPending),
				new SimpleMeterRegistry());
	}

	private CompletableFuture<String> request(RequestReplyGateway gateway) {
		return gateway.request("functions", UNANSWERED, "k", RequestReplyGateway.newRequestId(), "hello",
				String.class);
	}

}
