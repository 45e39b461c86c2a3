package io.statefront.shop.storefront;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statefront.analytics.EventType;
import io.statefront.analytics.WebsiteEvent;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.shop.catalogue.Catalogue;
import io.statefront.shop.catalogue.Product;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The storefront on the whole application: live stock from the item functions, and its events in Kafka. */
class StorefrontIntegrationTest extends IntegrationTest {

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	Catalogue catalogue;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

	@Test
	void aProductPageShowsTheStockTheShopHoldsNow() throws Exception {
		api().post("/stock/batch_init/300/7/11");
		Product product = catalogue.product("57").orElseThrow();

		assertThat(page("/shop/product/57").body()).contains(product.name(), "11 credits", "In stock");

		api().post("/stock/subtract/57/3");
		assertThat(page("/shop/product/57").body()).contains("Only 4 left");
		api().post("/stock/subtract/57/4");
		assertThat(page("/shop/category/outerwear").body()).contains("Out of stock");
	}

	@Test
	void aVisitIsToldToAnalyticsAndAProductViewToTheRecommendations() throws Exception {
		Product product = catalogue.product("31").orElseThrow();
		try (KafkaConsumer<String, byte[]> website = consumerAtEnd(WebsiteEvent.TOPIC);
				KafkaConsumer<String, byte[]> shop = consumerAtEnd(ShopEvent.TOPIC)) {
			assertThat(page("/shop/product/31").statusCode()).isEqualTo(200);
			String session = cookies.getCookieStore()
				.get(URI.create("http://localhost:" + port))
				.stream()
				.filter(cookie -> cookie.getName().equals("JSESSIONID"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElseThrow();

			List<WebsiteEvent> visit = read(website, WebsiteEvent.class, 2).stream()
				.filter(event -> event.sessionId().equals(session))
				.toList();
			assertThat(visit).extracting(WebsiteEvent::eventType)
				.containsExactly(EventType.SESSION_START, EventType.PAGE_VIEW);
			assertThat(visit.get(1).pageViewData().url()).isEqualTo("/shop/product/31");
			assertThat(visit.get(1).pageViewData().title()).isEqualTo(product.name());
			assertThat(visit.get(1).key()).isEqualTo(session);

			List<ShopEvent> views = read(shop, ShopEvent.class, 1);
			assertThat(views).extracting(ShopEvent::shopperId, ShopEvent::type, ShopEvent::itemId, ShopEvent::category)
				.contains(tuple(session, ShopEventType.PRODUCT_VIEW, "31", "Outerwear"));
		}
	}

	private HttpResponse<String> page(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private KafkaConsumer<String, byte[]> consumerAtEnd(String topic) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
				String.join(",", kafka.getBootstrapServers()), "key.deserializer", StringDeserializer.class,
				"value.deserializer", ByteArrayDeserializer.class));
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map(partition -> new TopicPartition(topic, partition.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return consumer;
	}

	private static <T> List<T> read(KafkaConsumer<String, byte[]> consumer, Class<T> type, int atLeast) {
		List<T> values = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (values.size() < atLeast && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				values.add(Json.read(record.value(), type));
			}
		}
		return values;
	}

}
