package io.statefront.storefront;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.analytics.EventType;
import io.statefront.analytics.WebsiteEvent;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.support.Api;
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
import static org.awaitility.Awaitility.await;

/**
 * The storefront on the whole application: live stock from the item functions, a guest made a
 * customer on the ledger, checkout through the order saga, and the events it tells Kafka.
 */
class StorefrontIntegrationTest extends IntegrationTest {

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	Catalogue catalogue;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

	@Test
	void aProductPageShowsTheStockTheShopHoldsNow() throws Exception {
		admin().post("/stock/batch_init/300/7/11");
		Product product = catalogue.product("57").orElseThrow();

		// the pages' view follows the item functions' changes as they are published
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(page("/shop/product/57").body()).contains(product.name(), "11 credits",
					"In stock"));

		api().post("/stock/subtract/57/3");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(page("/shop/product/57").body()).contains("Only 4 left"));
		api().post("/stock/subtract/57/4");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(page("/shop/category/outerwear").body()).contains("Out of stock"));
	}

	@Test
	void aVisitIsToldToAnalyticsAndAProductViewToTheRecommendations() throws Exception {
		Product product = catalogue.product("31").orElseThrow();
		try (KafkaConsumer<String, byte[]> website = consumerAtEnd(WebsiteEvent.TOPIC);
				KafkaConsumer<String, byte[]> shop = consumerAtEnd(ShopEvent.TOPIC)) {
			assertThat(page("/shop/product/31").statusCode()).isEqualTo(200);

			List<WebsiteEvent> events = read(website, WebsiteEvent.class, 2);
			WebsiteEvent view = events.stream()
				.filter(event -> event.pageViewData() != null && event.pageViewData().url().equals("/shop/product/31"))
				.findFirst()
				.orElseThrow();
			assertThat(view.pageViewData().title()).isEqualTo(product.name());
			assertThat(view.userId()).as("a guest").isNull();
			assertThat(view.key()).isEqualTo(view.sessionId());
			assertThat(events).filteredOn(event -> event.sessionId().equals(view.sessionId()))
				.extracting(WebsiteEvent::eventType)
				.containsExactly(EventType.SESSION_START, EventType.PAGE_VIEW);

			List<ShopEvent> views = read(shop, ShopEvent.class, 1);
			assertThat(views).extracting(ShopEvent::type, ShopEvent::itemId, ShopEvent::category)
				.contains(tuple(ShopEventType.PRODUCT_VIEW, "31", "Outerwear"));
		}
	}

	@Test
	void aVisitKeepsTheCampaignOfItsTaggedLinkAndTheSiteThatReferredIt() throws Exception {
		HttpClient newcomer = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		try (KafkaConsumer<String, byte[]> website = consumerAtEnd(WebsiteEvent.TOPIC)) {
			HttpResponse<String> landing = newcomer.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port
						+ "/shop/product/12?utm_source=Newsletter&utm_medium=email&utm_campaign=winter-sale"))
				.header("Referer", "https://mail.example.org/inbox")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(landing.statusCode()).isEqualTo(200);
			HttpResponse<String> next = newcomer.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/shop/category/outerwear"))
				.header("Referer", "http://localhost:" + port + "/shop/product/12?utm_source=Newsletter")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(next.statusCode()).isEqualTo(200);

			List<WebsiteEvent> views = read(website, WebsiteEvent.class, 3).stream()
				.filter(event -> event.eventType() == EventType.PAGE_VIEW && !event.simulated())
				.toList();
			assertThat(views).extracting(event -> event.pageViewData().url(), event -> event.pageViewData().referrer(),
					event -> event.pageViewData().utmSource(), event -> event.pageViewData().utmMedium(),
					event -> event.pageViewData().utmCampaign())
				.containsExactly(
						tuple("/shop/product/12?utm_source=Newsletter&utm_medium=email&utm_campaign=winter-sale",
								"https://mail.example.org/inbox", "Newsletter", "email", "winter-sale"),
						// the shop's own page as its path: no referral from the shop, no campaign of its own
						tuple("/shop/category/outerwear", "/shop/product/12?utm_source=Newsletter", null, null, null));
			assertThat(views).extracting(WebsiteEvent::sessionId).containsOnly(views.get(0).sessionId());
		}
	}

	@Test
	void aGuestBecomesACustomerChecksOutAndFindsTheOrderOnTheirNextVisit() throws Exception {
		admin().post("/stock/batch_init/300/7/11");
		Shopper guest = new Shopper(port);
		try (KafkaConsumer<String, byte[]> website = consumerAtEnd(WebsiteEvent.TOPIC);
				KafkaConsumer<String, byte[]> shop = consumerAtEnd(ShopEvent.TOPIC)) {
			guest.get("/shop/product/57");
			HttpResponse<String> added = guest.submit("/shop/cart/items", Map.of("quantity", "2"));
			assertThat(added.statusCode()).isEqualTo(302);
			assertThat(guest.cookie(StorefrontSecurity.REMEMBER_ME_COOKIE)).isPresent();

			String cart = guest.follow(added).body();
			Matcher welcome = Pattern.compile("You are customer (\\d+), with 500 credits to spend").matcher(cart);
			assertThat(welcome.find()).as(cart).isTrue();
			String userId = welcome.group(1);
			assertThat(cart).contains("Added 2 × “" + catalogue.product("57").orElseThrow().name() + "”",
					"Your credit: <strong>500 credits</strong>", "Pay 22 credits");

			HttpResponse<String> paid = guest.submit("/shop/cart/checkout", Map.of());
			assertThat(paid.statusCode()).isEqualTo(302);
			String orderPath = URI.create(paid.headers().firstValue("Location").orElseThrow()).getPath();
			String orderId = orderPath.substring(orderPath.lastIndexOf('/') + 1);
			assertThat(guest.follow(paid).body()).contains("Thank you! Your order is paid: 22 credits",
					"Your credit now: <strong>478 credits</strong>")
				.as("the order function says when it was paid")
				.containsPattern("Paid on <time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC</time>");
			assertThat(api().get("/users/find/" + userId).number("credit")).isEqualTo(478);
			assertThat(api().get("/stock/find/57").number("stock")).isEqualTo(5);

			List<WebsiteEvent> events = read(website, WebsiteEvent.class, 6);
			assertThat(events).filteredOn(event -> event.eventType() == EventType.CONVERSION)
				.extracting(event -> event.conversionData().orderId(), event -> event.conversionData().revenue(),
						WebsiteEvent::userId)
				.containsExactly(tuple(orderId, 22L, userId));
			List<ShopEvent> told = read(shop, ShopEvent.class, 3);
			assertThat(told).extracting(ShopEvent::type, ShopEvent::itemId)
				.containsExactly(tuple(ShopEventType.PRODUCT_VIEW, "57"), tuple(ShopEventType.ADD_TO_CART, "57"),
						tuple(ShopEventType.PURCHASE, "57"));
			assertThat(told).extracting(ShopEvent::shopperId).as("the guest's behaviour carries on").containsOnly(
					told.get(0).shopperId());
		}

		Shopper returning = guest.nextVisit(port);
		String history = returning.get("/shop/orders").body();
		assertThat(history).contains("Customer " + userId(history), "Order " + orderIdOf(guest), "478 credits")
			.containsPattern("<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC</time>");

		Shopper other = new Shopper(port);
		other.get("/shop/product/58");
		other.follow(other.submit("/shop/cart/items", Map.of()));
		assertThat(other.get("/shop/orders/" + orderIdOf(guest)).statusCode()).isEqualTo(404);
		assertThat(other.get("/shop/orders").body()).doesNotContain("Order " + orderIdOf(guest));
	}

	@Test
	void theShopsIconIsServedToAnyoneWhereBrowsersLookForIt() {
		Api.Response icon = anonymous().get("/favicon.ico");

		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.header("Content-Type")).isEqualTo("image/x-icon");
		assertThat(anonymous().get("/assets/favicon.svg").status()).isEqualTo(200);
	}

	@Test
	void anOutOfStockCheckoutSaysWhyAndChangesNothing() throws Exception {
		admin().post("/stock/batch_init/300/7/11");
		Shopper shopper = new Shopper(port);
		shopper.get("/shop/product/59");
		shopper.follow(shopper.submit("/shop/cart/items", Map.of("quantity", "5")));
		api().post("/stock/subtract/59/5");
		String userId = userId(shopper.get("/shop/cart").body());

		HttpResponse<String> refused = shopper.submit("/shop/cart/checkout", Map.of());
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/shop/cart");
		String cart = shopper.follow(refused).body();

		assertThat(cart).contains("Not enough stock: your cart has 5 × “" + catalogue.product("59").orElseThrow().name()
				+ "”, and only 2 are left. Nothing was charged.", "Your credit: <strong>500 credits</strong>");
		assertThat(api().get("/users/find/" + userId).number("credit")).isEqualTo(500);
		assertThat(api().get("/stock/find/59").number("stock")).isEqualTo(2);
		assertThat(shopper.get("/shop/orders").body()).contains("No orders yet");
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
		admin().post("/stock/batch_init/300/7/11");
		Shopper shopper = new Shopper(port);
		shopper.get("/shop/product/60");

		HttpResponse<String> forged = shopper.post("/shop/cart/items",
				Map.of("item", "60", "quantity", "1", "submission", UUID.randomUUID().toString()));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(shopper.cookie(StorefrontSecurity.REMEMBER_ME_COOKIE)).isEmpty();
		assertThat(shopper.get("/shop/cart").body()).contains("Your cart is empty", "Guest");
	}

	private static String userId(String page) {
		Matcher customer = Pattern.compile("Customer (\\d+)").matcher(page);
		assertThat(customer.find()).as("signed in as a customer").isTrue();
		return customer.group(1);
	}

	private static String orderIdOf(Shopper shopper) throws Exception {
		Matcher order = Pattern.compile("/shop/orders/(\\d+)").matcher(shopper.get("/shop/orders").body());
		assertThat(order.find()).isTrue();
		return order.group(1);
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
