package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator, switched and tuned through its API, sending the design's events to Kafka. */
class EventSimulatorIntegrationTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	KafkaConnectionDetails kafka;

	@AfterEach
	void stopSimulator() {
		change("{\"running\": false, \"eventsPerSecond\": 200}");
	}

	@Test
	void sendsTheDesignsEventsToTheAnalyticsTopicWhileSwitchedOn() {
		try (KafkaConsumer<String, String> consumer = consumer()) {
			assertThat(change("{\"running\": true, \"eventsPerSecond\": 400}").json().path("running").asBoolean())
				.isTrue();
			List<ConsumerRecord<String, String>> records = poll(consumer, Duration.ofSeconds(3));
			change("{\"running\": false, \"eventsPerSecond\": 400}");

			// 3 s at 400 events/s, give or take the start and a slow machine
			assertThat(records).hasSizeBetween(400, 1_600);
			for (ConsumerRecord<String, String> record : records) {
				JsonNode event = JSON.readTree(record.value());
				assertThat(event.path("eventId").asString()).isNotBlank();
				assertThat(event.path("timestamp").asLong()).isPositive();
				assertThat(event.path("eventType").asString()).isIn("SESSION_START", "PAGE_VIEW", "CONVERSION",
						"SESSION_END");
				assertThat(event.path("sessionData").path("country").asString()).isNotBlank();
				String user = event.path("userId").asString(null);
				assertThat(record.key()).isEqualTo((user != null) ? user : event.path("sessionId").asString());
				if (event.path("eventType").asString().equals("PAGE_VIEW")) {
					assertThat(event.path("pageViewData").path("url").asString()).startsWith("/shop/");
				}
			}
		}
	}

	@Test
	void sendsNothingWhileSwitchedOff() {
		change("{\"running\": false, \"eventsPerSecond\": 1000}");
		try (KafkaConsumer<String, String> consumer = consumer()) {
			poll(consumer, Duration.ofMillis(500));
			long before = api().get("/analytics/simulator").number("eventsSent");

			assertThat(poll(consumer, Duration.ofSeconds(1))).isEmpty();
			assertThat(api().get("/analytics/simulator").number("eventsSent")).isEqualTo(before);
		}
	}

	@Test
	void refusesSettingsOutsideTheirRangeAndKeepsTheOldOnes() {
		change("{\"running\": false, \"eventsPerSecond\": 250}");

		assertThat(change("{\"running\": true, \"eventsPerSecond\": -1}").status()).isEqualTo(400);
		assertThat(change("{\"running\": true, \"eventsPerSecond\": 100001}").status()).isEqualTo(400);
		assertThat(change("{\"eventsPerSecond\": 10}").status()).isEqualTo(400);
		assertThat(change("not json").status()).isEqualTo(400);
		Response state = api().get("/analytics/simulator");
		assertThat(state.json().path("running").asBoolean()).isFalse();
		assertThat(state.number("eventsPerSecond")).isEqualTo(250);
		assertThat(anonymous().get("/analytics/simulator").status()).isEqualTo(401);
	}

	private Response change(String settings) {
		return api().call("PUT", "/analytics/simulator", Map.of("Content-Type", "application/json"), settings)
			.join();
	}

	private KafkaConsumer<String, String> consumer() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
				ConsumerConfig.GROUP_ID_CONFIG, "simulator-test-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(WebsiteEvent.TOPIC));
		// join the group and take the end offsets before anything is switched on
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		consumer.seekToEnd(consumer.assignment());
		consumer.assignment().forEach(consumer::position);
		return consumer;
	}

	private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer,
			Duration during) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		long deadline = System.nanoTime() + during.toNanos();
		while (System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(100)).forEach(records::add);
		}
		return records;
	}

}
