package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import io.statefront.analytics.history.InfluxQl;
import io.statefront.platform.kafka.Json;
import io.statefront.support.Api.Response;
import io.statefront.support.Installed;
import io.statefront.support.IntegrationTest;
import io.statefront.support.StompSubscriber;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Simulated traffic through Kafka and the analytics job into a real InfluxDB (the managed influxd)
 * and out to STOMP subscribers, checked against the events the simulator actually sent.
 */
class AnalyticsIntegrationTest extends IntegrationTest {

	private static final long WINDOW = 5_000;

	private static final long OUT_OF_ORDERNESS = 5_000;

	private static final SessionData BERLIN = new SessionData("Mozilla/5.0", "10.0.0.1", "Germany", "Berlin",
			"desktop", "Firefox", "Linux");

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	KafkaTemplate<String, byte[]> producer;

	@AfterEach
	void stopSimulator() {
		simulate(false, 200);
	}

	@Test
	void simulatedTrafficReachesInfluxDbAndStompAsTheEventsSay() throws Exception {
		Installed.influxd();
		JsonNode store = api().get("/actuator/health").json().path("components").path("metricHistory");
		assertThat(store.path("details").path("mode").asString()).isEqualTo("managed");
		String influx = store.path("details").path("url").asString();

		try (StompSubscriber stomp = StompSubscriber.subscribe(port, API_USER, API_PASSWORD, "/topic/metrics")) {
			// only windows wholly after the start hold nothing but this test's events
			long from = (System.currentTimeMillis() / WINDOW + 1) * WINDOW;
			simulate(true, 500);
			List<JsonNode> pushed = new ArrayList<>();
			stomp.await(result -> isPageViews(result) && result.path("windowStart").asLong() >= from + 2 * WINDOW,
					Duration.ofSeconds(90), pushed);
			simulate(false, 500);
			Thread.sleep(500);

			Generated generated = Generated.from(allEvents());
			long closedUpTo = generated.watermark();
			Map<Long, Double> pageViews = new TreeMap<>();
			Map<Long, Double> activeUsers = new TreeMap<>();
			generated.windows.forEach((start, window) -> {
				if (start >= from && start + WINDOW <= closedUpTo) {
					pageViews.put(start + WINDOW, window.pageViews / (WINDOW / 1000.0));
					activeUsers.put(start + WINDOW, (double) window.visitors.size());
				}
			});
			assertThat(pageViews).hasSizeGreaterThanOrEqualTo(3);

			// the last results may still be on their way (pushed first, then written in a batch)
			for (String measurement : List.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, TrafficWindow.ACTIVE_USERS)) {
				for (long end : pageViews.keySet()) {
					if (pushed.stream().noneMatch(result -> is(result, measurement, end))) {
						stomp.await(result -> is(result, measurement, end), Duration.ofSeconds(30), pushed);
					}
				}
			}
			assertThat(valuesOf(pushed, TrafficWindow.PAGE_VIEWS_PER_SECOND, pageViews.keySet())).isEqualTo(pageViews);
			assertThat(valuesOf(pushed, TrafficWindow.ACTIVE_USERS, activeUsers.keySet())).isEqualTo(activeUsers);

			String range = " WHERE time >= %dms AND time <= %dms".formatted(from + WINDOW, closedUpTo);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influxValues(influx, "SELECT \"value\" FROM \"page_views_per_second\"" + range))
					.isEqualTo(pageViews));
			assertThat(influxValues(influx, "SELECT \"value\" FROM \"active_users\"" + range)).isEqualTo(activeUsers);

			Response history = api().get("/analytics/metrics/page_views_per_second?minutes=10");
			assertThat(history.text("store")).isEqualTo("managed");
			Map<Long, Double> historyValues = new TreeMap<>();
			history.json().path("points").forEach(point -> {
				if (pageViews.containsKey(point.path("time").asLong())) {
					historyValues.put(point.path("time").asLong(), point.path("value").asDouble());
				}
			});
			assertThat(historyValues).isEqualTo(pageViews);
		}
	}

	@Test
	void aVisitorBouncingThreeTimesIsPushedAsAnAlert() throws Exception {
		String visitor = "bouncer-" + UUID.randomUUID();
		try (StompSubscriber alerts = StompSubscriber.subscribe(port, API_USER, API_PASSWORD, "/topic/alerts")) {
			// the simulator's traffic moves event time on past the visits
			simulate(true, 300);
			long now = System.currentTimeMillis();
			for (int visit = 0; visit < 3; visit++) {
				String session = visitor + "-" + visit;
				long at = now + visit * 100;
				send(new WebsiteEvent(session + "-start", at, EventType.SESSION_START, visitor, session, null, BERLIN,
						null));
				send(new WebsiteEvent(session + "-view", at + 10, EventType.PAGE_VIEW, visitor, session,
						new PageViewData("/shop/product/7", "Product 7", null, 120), BERLIN, null));
				send(new WebsiteEvent(session + "-end", at + 20, EventType.SESSION_END, visitor, session, null, BERLIN,
						null));
			}

			JsonNode alert = alerts.await(pushed -> pushed.path("key").asString().equals(visitor),
					Duration.ofSeconds(60));
			assertThat(alert.path("type").asString()).isEqualTo(Alert.VISITOR_BOUNCING);
			assertThat(alert.path("value").asDouble()).isEqualTo(3.0);
		}
	}

	@Test
	void anEventTooLateForItsWindowIsCounted() {
		simulate(true, 300);
		// event time has moved past the simulator's first events
		await().atMost(Duration.ofSeconds(60)).until(() -> counter("statefront.analytics.events.in") > 3_000);
		double lateBefore = counter("statefront.analytics.events.late");

		send(new WebsiteEvent("late-" + UUID.randomUUID(), System.currentTimeMillis() - Duration.ofMinutes(10).toMillis(),
				EventType.PAGE_VIEW, "late-visitor", "late-session",
				new PageViewData("/shop/product/3", "Product 3", null, 80), BERLIN, null));

		await().atMost(Duration.ofSeconds(30)).until(() -> counter("statefront.analytics.events.late") >= lateBefore + 1);
	}

	@Test
	void refusesUnknownMeasurementsAndSpans() {
		assertThat(api().get("/analytics/metrics/page_views").status()).isEqualTo(404);
		assertThat(api().get("/analytics/metrics/active_users?minutes=0").status()).isEqualTo(400);
		assertThat(api().get("/analytics/metrics/active_users?minutes=abc").status()).isEqualTo(400);
		assertThat(anonymous().get("/analytics/metrics/active_users").status()).isEqualTo(401);
	}

	/** Per window, what the analytics job should have counted from the events on the topic. */
	private record Generated(Map<Long, Window> windows, Map<Integer, Long> latestPerPartition) {

		static Generated from(List<ConsumerRecord<String, byte[]>> records) {
			Generated generated = new Generated(new HashMap<>(), new HashMap<>());
			for (ConsumerRecord<String, byte[]> record : records) {
				WebsiteEvent event = Json.read(record.value(), WebsiteEvent.class);
				Window window = generated.windows.computeIfAbsent(event.timestamp() / WINDOW * WINDOW,
						start -> new Window());
				window.visitors.add(event.key());
				if (event.eventType() == EventType.PAGE_VIEW) {
					window.pageViews++;
				}
				generated.latestPerPartition.merge(record.partition(), event.timestamp(), Math::max);
			}
			return generated;
		}

		/** Event time as the job has it once every partition's events are read: windows ending by it have closed. */
		long watermark() {
			return latestPerPartition.values().stream().mapToLong(Long::longValue).min().orElseThrow()
					- OUT_OF_ORDERNESS;
		}

	}

	private static final class Window {

		long pageViews;

		final Set<String> visitors = new HashSet<>();

	}

	private List<ConsumerRecord<String, byte[]>> allEvents() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", kafka.getBootstrapServers()), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(WebsiteEvent.TOPIC)
				.stream()
				.map(partition -> new TopicPartition(WebsiteEvent.TOPIC, partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	private static boolean is(JsonNode result, String measurement, long windowEnd) {
		return result.path("measurement").asString().equals(measurement)
				&& result.path("windowEnd").asLong() == windowEnd;
	}

	private static boolean isPageViews(JsonNode result) {
		return result.path("measurement").asString().equals(TrafficWindow.PAGE_VIEWS_PER_SECOND);
	}

	private static Map<Long, Double> valuesOf(List<JsonNode> pushed, String measurement, Set<Long> windowEnds) {
		return pushed.stream()
			.filter(result -> result.path("measurement").asString().equals(measurement))
			.filter(result -> windowEnds.contains(result.path("windowEnd").asLong()))
			.collect(Collectors.toMap(result -> result.path("windowEnd").asLong(),
					result -> result.path("value").asDouble(), (first, second) -> first, TreeMap::new));
	}

	private static Map<Long, Double> influxValues(String influx, String query) {
		Map<Long, Double> values = new TreeMap<>();
		InfluxQl.series(influx, "statefront", query)
			.path("values")
			.forEach(row -> values.put(row.path(0).asLong(), row.path(1).asDouble()));
		return values;
	}

	private double counter(String name) {
		return api().get("/actuator/metrics/" + name).json().path("measurements").path(0).path("value").asDouble();
	}

	private void send(WebsiteEvent event) {
		producer.send(WebsiteEvent.TOPIC, event.key(), Json.write(event)).join();
	}

	private void simulate(boolean running, int rate) {
		api().call("PUT", "/analytics/simulator", Map.of("Content-Type", "application/json"),
				"{\"running\": " + running + ", \"eventsPerSecond\": " + rate + "}").join();
	}

}
