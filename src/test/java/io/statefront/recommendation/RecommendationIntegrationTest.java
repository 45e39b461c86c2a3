package io.statefront.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.statefront.platform.kafka.Json;
import io.statefront.support.IntegrationTest;
import io.statefront.support.StompSubscriber;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shop events through Kafka and the recommendations job, pushed to their shopper alone over STOMP. */
class RecommendationIntegrationTest extends IntegrationTest {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	ConsumerFactory<String, byte[]> consumers;

	@Test
	void aShoppersRecommendationsArePushedToThatShopperOnly() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (StompSubscriber queue = StompSubscriber.subscribe(port, API_USER, API_PASSWORD,
				"/user/queue/recommendations")) {
			// another shopper's views link r1 with r2; the shoppers' events travel on different
			// partitions, so the API user's view waits until the link has been made
			send("someone-" + run, "r1-" + run);
			send("someone-" + run, "r2-" + run);
			awaitRecommendationFor("someone-" + run + "/r2-" + run);

			// the API user is the shopper here: their principal name is the queue's owner
			send(API_USER, "r1-" + run);

			List<JsonNode> seen = new ArrayList<>();
			JsonNode pushed = queue.await(message -> message.path("eventId").asString().equals(API_USER + "/r1-" + run),
					Duration.ofSeconds(30), seen);
			assertThat(pushed.path("shopperId").asString()).isEqualTo(API_USER);
			assertThat(pushed.path("itemIds").get(0).asString()).isEqualTo("r2-" + run);
			assertThat(pushed.path("basis").asString()).isEqualTo(Recommendations.RELATED);
			assertThat(seen).allSatisfy(message -> assertThat(message.path("shopperId").asString()).isEqualTo(API_USER));
		}
	}

	/**
	 * A shopper's browser may be connected to any instance: each reads every partition, in no group
	 * that a second instance would split them with.
	 */
	@Test
	void thisInstanceReadsEveryPartitionOfTheRecommendationsOutsideAnyGroup(
			@Autowired KafkaListenerEndpointRegistry listeners) {
		MessageListenerContainer container = listeners.getListenerContainer("recommendations-listener");

		assertThat(container.getGroupId()).isNull();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(container.getAssignedPartitions()).hasSize(RecommendationTopics.PARTITIONS));
	}

	private void awaitRecommendationFor(String eventId) {
		Properties fromTheStart = new Properties();
		fromTheStart.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, byte[]> consumer = consumers.createConsumer("recommendation-test-" + UUID.randomUUID(),
				null, null, fromTheStart)) {
			consumer.subscribe(List.of(Recommendations.TOPIC));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (Json.read(record.value(), Recommendations.class).eventId().equals(eventId)) {
						return;
					}
				}
			}
			throw new AssertionError("No recommendation for " + eventId + " within 30 s");
		}
	}

	private void send(String shopper, String item) {
		ShopEvent event = new ShopEvent(shopper + "/" + item, shopper, ShopEventType.PRODUCT_VIEW, item, "books",
				System.currentTimeMillis());
		kafka.send(ShopEvent.TOPIC, shopper, Json.write(event)).join();
	}

}
