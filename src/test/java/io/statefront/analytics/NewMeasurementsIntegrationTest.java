package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.history.InfluxQl;
import io.statefront.platform.kafka.Json;
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
 * Each measurement of the breakdowns and of the shop's own figures, from simulated traffic and
 * real orders through Kafka and the analytics job into a real InfluxDB (the managed influxd), read
 * back in InfluxQL and checked against what the events on the topic and the orders say.
 */
class NewMeasurementsIntegrationTest extends IntegrationTest {

	private static final long RECONCILIATION = 10_000;

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	AnalyticsProperties analytics;

	@Autowired
	KafkaTemplate<String, byte[]> producer;

	@AfterEach
	void stopSimulator() {
		simulate(false);
	}

	@Test
	void theBreakdownsFunnelAndCurrentVisitorsInInfluxDbCountTheVisitorsTheEventsName() throws Exception {
		Installed.influxd();
		String influx = influxUrl();
		long from = System.currentTimeMillis();
		long audience = analytics.audienceWindow().toMillis();
		simulate(true);
		// a sliding window wholly after the start, so that the topic holds every event it counted, and
		// a current-visitors count after it too (the two windows need not end together)
		await().atMost(Duration.ofSeconds(150))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> !points(influx, "visitors_by_device", "time >= %dms".formatted(from + audience)).isEmpty()
					&& !points(influx, "current_visitors", "time >= %dms".formatted(from + 10_000)).isEmpty());
		simulate(false);
		Thread.sleep(500);
		List<WebsiteEvent> events = allEvents();
		long end = points(influx, "visitors_by_device", "time >= %dms".formatted(from + audience)).get(0)
			.path(0)
			.asLong();
		List<WebsiteEvent> window = events.stream()
			.filter(event -> event.timestamp() >= end - audience && event.timestamp() < end)
			.toList();
		Set<String> visitors = new HashSet<>();
		window.forEach(event -> visitors.add(event.key()));

		String at = "time = %dms".formatted(end);
		// each visitor once in each breakdown, by where they were last seen
		for (String breakdown : List.of("visitors_by_device", "visitors_by_browser", "visitors_by_os")) {
			assertThat(sum(points(influx, breakdown, at))).as(breakdown).isEqualTo(visitors.size());
		}
		Map<String, Double> funnel = byTag(points(influx, "funnel", at));
		assertThat(funnel).containsOnlyKeys("product_view", "add_to_cart", "checkout", "paid");
		assertThat(funnel.get("product_view")).isEqualTo(visitorsWith(window, "/shop/product/"));
		assertThat(funnel.get("add_to_cart")).isEqualTo(visitorsWith(window, "/shop/cart/items"));
		assertThat(funnel.get("paid")).isEqualTo(window.stream()
			.filter(event -> event.eventType() == EventType.CONVERSION)
			.map(WebsiteEvent::key)
			.distinct()
			.count());

		// the first page of each visit (in its partition's order, as the job reads it), counted where it fell
		Map<String, String> sourceOfEntries = new HashMap<>();
		Set<String> entered = new HashSet<>();
		for (WebsiteEvent event : events) {
			if (event.eventType() == EventType.PAGE_VIEW && entered.add(event.sessionId())
					&& event.timestamp() >= end - audience && event.timestamp() < end) {
				sourceOfEntries.put(event.key(), Sources.of(event.pageViewData()));
			}
		}
		assertThat(byTag(points(influx, "visitors_by_source", at))).isEqualTo(Breakdowns
			.count(sourceOfEntries.values(), source -> source)
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().doubleValue())));
		assertThat(points(influx, "entry_pages", at)).isNotEmpty();
		assertThat(points(influx, "exit_pages", at)).isNotEmpty();

		// the current visitors: distinct visitors of the 5 minutes before a multiple of 10 s
		JsonNode current = points(influx, "current_visitors", "time >= %dms".formatted(from + 10_000)).get(0);
		long currentEnd = current.path(0).asLong();
		assertThat(currentEnd % 10_000).isZero();
		assertThat(current.path(1).asDouble()).isEqualTo(events.stream()
			.filter(event -> event.timestamp() >= currentEnd - 300_000 && event.timestamp() < currentEnd)
			.map(WebsiteEvent::key)
			.distinct()
			.count());
	}

	@Test
	void revenueLostToARefusalAndTheLedgersPaidOrderAreInInfluxDbWithTheirAlerts() throws Exception {
		Installed.influxd();
		String influx = influxUrl();
		// windows wholly after this test's start hold its orders alone
		long boundary = (System.currentTimeMillis() / RECONCILIATION + 1) * RECONCILIATION;
		Thread.sleep(boundary - System.currentTimeMillis() + 1);
		try (StompSubscriber alerts = StompSubscriber.subscribe(port, API_USER, API_PASSWORD, "/topic/alerts")) {
			simulate(true);
			String user = api().post("/payment/create_user").text("user_id");
			api().post("/payment/add_funds/" + user + "/100");
			String item = api().post("/stock/item/create/10").text("item_id");
			api().post("/stock/add/" + item + "/3");
			String paid = api().post("/orders/create/" + user).text("order_id");
			api().post("/orders/addItem/" + paid + "/" + item + "/2");
			assertThat(api().post("/orders/checkout/" + paid).status()).isEqualTo(200);
			String refused = api().post("/orders/create/" + user).text("order_id");
			api().post("/orders/addItem/" + refused + "/" + item + "/5");
			assertThat(api().post("/orders/checkout/" + refused).status()).isEqualTo(409);
			// the storefront's conversion of the paid order, as a real visit tells it
			String visitor = "buyer-" + UUID.randomUUID();
			producer.send(WebsiteEvent.TOPIC, visitor, Json.write(new WebsiteEvent("conversion-" + visitor,
					System.currentTimeMillis(), EventType.CONVERSION, visitor, visitor, null,
					new WebsiteEvent.SessionData("test", "10.0.0.9", "DE", "Berlin", "desktop", "Firefox", "Linux"),
					new ConversionData(paid, 20)))).join();

			String since = "time > %dms".formatted(boundary);
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> !points(influx, "lost_revenue", since + " AND \"item\" = '" + item + "'").isEmpty());
			JsonNode lost = points(influx, "lost_revenue", since + " AND \"item\" = '" + item + "'").get(0);
			assertThat(lost.path(1).asDouble()).as("five at 10 credits, refused").isEqualTo(50.0);
			assertThat(InfluxQl.series(influx, "statefront",
					"SELECT \"value\", \"reason\" FROM \"lost_revenue\" WHERE " + since + " AND \"item\" = '" + item + "'")
				.path("values")
				.path(0)
				.path(2)
				.asString()).isEqualTo("out_of_stock");

			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> sum(side(influx, "ledger", since)) == 20 && sum(side(influx, "analytics", since)) == 20);
			assertThat(sum(side(influx, "difference", since))).isZero();
			assertThat(points(influx, "revenue_mismatch", since)).isNotEmpty();

			JsonNode lowStock = alerts.await(alert -> alert.path("type").asString().equals(ShopAlerts.LOW_STOCK)
					&& alert.path("key").asString().equals(item), Duration.ofSeconds(60));
			assertThat(lowStock.path("value").asDouble()).isLessThanOrEqualTo(5.0);
		}
	}

	private static List<JsonNode> side(String influx, String side, String since) {
		return points(influx, "revenue_reconciliation", since + " AND \"side\" = '" + side + "'");
	}

	private static double visitorsWith(List<WebsiteEvent> window, String urlPrefix) {
		return window.stream()
			.filter(event -> event.eventType() == EventType.PAGE_VIEW && event.pageViewData().url().startsWith(urlPrefix))
			.map(WebsiteEvent::key)
			.distinct()
			.count();
	}

	/** Rows of time, value and the measurement's tag, newest first. */
	private static List<JsonNode> points(String influx, String measurement, String where) {
		List<JsonNode> rows = new ArrayList<>();
		InfluxQl.series(influx, "statefront", "SELECT * FROM \"%s\" WHERE %s ORDER BY time DESC".formatted(measurement,
				where))
			.path("values")
			.forEach(rows::add);
		JsonNode columns = InfluxQl.series(influx, "statefront", "SELECT * FROM \"%s\" WHERE %s LIMIT 1"
			.formatted(measurement, where)).path("columns");
		int value = indexOf(columns, "value");
		int time = indexOf(columns, "time");
		int tag = -1;
		for (int i = 0; i < columns.size(); i++) {
			if (i != value && i != time) {
				tag = i;
			}
		}
		int tagColumn = tag;
		return rows.stream()
			.map(row -> (JsonNode) tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
				.add(row.path(time).asLong())
				.add(row.path(value).asDouble())
				.add(tagColumn < 0 ? "" : row.path(tagColumn).asString()))
			.toList();
	}

	private static int indexOf(JsonNode columns, String name) {
		for (int i = 0; i < columns.size(); i++) {
			if (columns.path(i).asString().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	private static double sum(List<JsonNode> rows) {
		return rows.stream().mapToDouble(row -> row.path(1).asDouble()).sum();
	}

	private static Map<String, Double> byTag(List<JsonNode> rows) {
		Map<String, Double> values = new HashMap<>();
		rows.forEach(row -> values.put(row.path(2).asString(), row.path(1).asDouble()));
		return values;
	}

	private String influxUrl() {
		return api().get("/actuator/health")
			.json()
			.path("components")
			.path("metricHistory")
			.path("details")
			.path("url")
			.asString();
	}

	private List<WebsiteEvent> allEvents() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", kafka.getBootstrapServers()), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(WebsiteEvent.TOPIC)
				.stream()
				.map(partition -> new TopicPartition(WebsiteEvent.TOPIC, partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<WebsiteEvent> events = new ArrayList<>();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					events.add(Json.read(record.value(), WebsiteEvent.class));
				}
			}
			return events;
		}
	}

	private void simulate(boolean running) {
		api().call("PUT", "/analytics/simulator", Map.of("Content-Type", "application/json"),
				"{\"running\": " + running + ", \"eventsPerSecond\": 300}").join();
	}

}
