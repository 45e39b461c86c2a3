package io.statefront.platform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefront.platform.tracing.FunctionSpans;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.kafka.Json;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway against the real broker: requests to a topic nobody answers time out; while they
 * wait, no more than each pool's bound is accepted, and a full pool leaves the other's requests
 * alone; every failure comes through the future, typed; and what a caller does after a reply runs
 * on its pool's threads, so a caller that blocks there does not hold up anyone else's replies. The
 * replies this test needs are written to the reply topic by the test itself, when it chooses.
 */
class RequestReplyGatewayIntegrationTest extends IntegrationTest {

	private static final String UNANSWERED = "gateway-test-unanswered";

	/** A reply topic the gateway listens to; the test writes its replies there. */
	private static final String REPLIES = "user-events";

	@Autowired
	ReplyingKafkaTemplate<String, byte[], byte[]> template;

	@Autowired
	FlinkRuntime flink;

	@Autowired
	KafkaAdmin kafkaAdmin;

	private RequestReplyGateway gateway;

	@BeforeAll
	static void createUnansweredTopic(@Autowired KafkaAdmin kafkaAdmin) throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			admin.createTopics(List.of(new NewTopic(UNANSWERED, 1, (short) 1))).all().get();
		}
	}

	@AfterEach
	void stopGateway() {
		if (gateway != null) {
			gateway.destroy();
		}
	}

	@Test
	void refusesRequestsBeyondItsBoundWithoutSendingThem() throws Exception {
		gateway = gateway(Duration.ofSeconds(2), 2, 2);
		long before = messagesIn(UNANSWERED);
		CompletableFuture<String> first = request(RequestPool.API, gateway.newRequestId());
		CompletableFuture<String> second = request(RequestPool.API, gateway.newRequestId());

		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> request(RequestPool.API, gateway.newRequestId()).join())
			.withCauseInstanceOf(PipelineUnavailableException.class)
			.withMessageContaining("2 requests are already waiting");
		assertThat(gateway.pendingRequests(RequestPool.API)).isEqualTo(2);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(first::join)
			.withCauseInstanceOf(ReplyTimeoutException.class);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(second::join)
			.withCauseInstanceOf(OutcomeUnknownException.class);
		assertThat(gateway.pendingRequests()).isZero();
		assertThat(messagesIn(UNANSWERED) - before).as("only the accepted requests were sent").isEqualTo(2);
	}

	@Test
	void aFullStorefrontPoolLeavesTheApisRequestsAloneAndTheOtherWayRound() throws Exception {
		gateway = gateway(Duration.ofSeconds(2), 2, 3);
		List<CompletableFuture<String>> flood = List.of(request(RequestPool.STOREFRONT, gateway.newRequestId()),
				request(RequestPool.STOREFRONT, gateway.newRequestId()),
				request(RequestPool.STOREFRONT, gateway.newRequestId()));
		assertThat(request(RequestPool.STOREFRONT, gateway.newRequestId()))
			.failsWithin(Duration.ofSeconds(1))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(PipelineUnavailableException.class);

		String apiRequest = gateway.newRequestId();
		CompletableFuture<String> api = request(RequestPool.API, apiRequest);
		reply(apiRequest, "answered");

		assertThat(api.get(10, TimeUnit.SECONDS)).as("the API's request, while the storefront's pool is full")
			.isEqualTo("answered");
		assertThat(gateway.pendingRequests(RequestPool.STOREFRONT)).isEqualTo(3);

		// and a full API pool leaves the storefront's room
		flood.forEach(waiting -> waiting.exceptionally(timeout -> null).join());
		request(RequestPool.API, gateway.newRequestId());
		request(RequestPool.API, gateway.newRequestId());
		assertThat(request(RequestPool.API, gateway.newRequestId())).isCompletedExceptionally();
		String shopper = gateway.newRequestId();
		CompletableFuture<String> storefront = request(RequestPool.STOREFRONT, shopper);
		reply(shopper, "answered too");
		assertThat(storefront.get(10, TimeUnit.SECONDS)).isEqualTo("answered too");
	}

	@Test
	void aCallerBlockedAfterItsReplyHoldsUpNoOtherReply() throws Exception {
		gateway = gateway(Duration.ofSeconds(20), 10, 10);
		CountDownLatch blocking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<String> blockedOn = new AtomicReference<>();
		String blocked = gateway.newRequestId();
		CompletableFuture<String> stuck = request(RequestPool.STOREFRONT, blocked).thenApply(reply -> {
			blockedOn.set(Thread.currentThread().getName());
			blocking.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return reply;
		});
		try {
			reply(blocked, "first");
			assertThat(blocking.await(10, TimeUnit.SECONDS)).as("the first reply reached its caller").isTrue();
			assertThat(blockedOn.get()).as("the caller's next step runs on its pool's thread").startsWith("gateway-storefront-");

			String[] others = { gateway.newRequestId(), gateway.newRequestId() };
			CompletableFuture<String> api = request(RequestPool.API, others[0]);
			CompletableFuture<String> shopper = request(RequestPool.STOREFRONT, others[1]);
			reply(others[0], "second");
			reply(others[1], "third");

			assertThat(api.get(10, TimeUnit.SECONDS)).isEqualTo("second");
			assertThat(shopper.get(10, TimeUnit.SECONDS)).isEqualTo("third");
			assertThat(stuck).isNotDone();
		}
		finally {
			release.countDown();
		}
		assertThat(stuck.get(10, TimeUnit.SECONDS)).isEqualTo("first");
	}

	@Test
	void listensToEveryPartitionTheReplyTopicHas() {
		int partitions = kafkaAdmin.describeTopics(REPLIES).get(REPLIES).partitions().size();

		assertThat(template.getAssignedReplyTopicPartitions())
			.filteredOn(partition -> partition.topic().equals(REPLIES))
			.hasSize(partitions);
	}

	@Test
	void refusesRequestsToAJobThatIsNotRunningThroughTheFuture() {
		gateway = gateway(Duration.ofSeconds(1), 10, 10);

		CompletableFuture<String> refused = gateway.request(RequestPool.API, "no-such-job", UNANSWERED, "k",
				gateway.newRequestId(), "hello", String.class);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.withCauseInstanceOf(PipelineUnavailableException.class)
			.withMessageContaining("'no-such-job' job is not running");
		assertThat(gateway.pendingRequests()).isZero();
	}

	/** A function's reply to {@code requestId}, as Flink's reply sinks write it. */
	private void reply(String requestId, String value) throws Exception {
		ProducerRecord<String, byte[]> reply = new ProducerRecord<>(REPLIES, requestId, Json.write(value));
		reply.headers()
			.add(new RecordHeader(FlinkKafka.CORRELATION_HEADER, requestId.getBytes(StandardCharsets.UTF_8)));
		template.send(reply).get(10, TimeUnit.SECONDS);
	}

	private long messagesIn(String topic) throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
		}
	}

	private RequestReplyGateway gateway(Duration replyTimeout, int maxPending, int storefrontMaxPending) {
		return new RequestReplyGateway(template, flink,
				new GatewayProperties(replyTimeout, maxPending, storefrontMaxPending, List.of()), new SimpleMeterRegistry(),
				FunctionSpans.none());
	}

	private CompletableFuture<String> request(RequestPool pool, String requestId) {
		return gateway.request(pool, "functions", UNANSWERED, "k", requestId, "hello", String.class);
	}

}
