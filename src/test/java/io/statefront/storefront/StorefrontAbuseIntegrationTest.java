package io.statefront.storefront;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront as a hostile visitor uses it: fresh browsers from one address asking for funded
 * customers, a crawler that only looks, and a remember-me cookie kept after its customer signed
 * out or was removed.
 */
class StorefrontAbuseIntegrationTest extends IntegrationTest {

	private static final int FRESH_BROWSERS = 100;

	/** {@code statefront.limits.sign-ups-per-address}, left at its default in the shared context. */
	private static final int SIGN_UPS_PER_ADDRESS = 10;

	/** {@code statefront.limits.storefront-requests-per-second} in the shared context. */
	private static final int STOREFRONT_REQUESTS_PER_SECOND = 50;

	/** More than the burst and the rate's worth of any machine that serves faster than the rate. */
	private static final int MOST_FLOODED_REQUESTS = 5_000;

	@Autowired
	private RememberedCustomers remembered;

	@Test
	void aHundredFreshBrowsersFromOneAddressOpenOnlyTheLimitAndTheRestAreToldWhenToComeBack() throws Exception {
		stockOf("71");
		String address = Shopper.nextAddress();
		long before = Long.parseLong(api().post("/users/create").text("user_id"));

		List<HttpResponse<String>> answers = new ArrayList<>();
		ExecutorService browsers = Executors.newFixedThreadPool(10);
		try {
			List<Future<HttpResponse<String>>> adds = new ArrayList<>();
			for (int i = 0; i < FRESH_BROWSERS; i++) {
				adds.add(browsers.submit(() -> {
					Shopper fresh = new Shopper(port, address);
					fresh.get("/shop/product/71");
					return fresh.submit("/shop/cart/items", Map.of());
				}));
			}
			for (Future<HttpResponse<String>> add : adds) {
				answers.add(add.get());
			}
		}
		finally {
			browsers.shutdownNow();
		}
		long after = Long.parseLong(api().post("/users/create").text("user_id"));

		List<HttpResponse<String>> opened = answers.stream().filter(answer -> answer.statusCode() == 302).toList();
		List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
		assertThat(opened).as("customers opened").hasSize(SIGN_UPS_PER_ADDRESS);
		assertThat(refused).as("told to come back").hasSize(FRESH_BROWSERS - SIGN_UPS_PER_ADDRESS);
		assertThat(after - before - 1).as("users the ledger opened between the two API creates")
			.isEqualTo(SIGN_UPS_PER_ADDRESS);
		HttpResponse<String> page = refused.get(0);
		assertThat(page.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
		assertThat(page.headers().allValues("Set-Cookie"))
			.noneMatch(cookie -> cookie.startsWith(StorefrontSecurity.REMEMBER_ME_COOKIE + "="))
			.noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
		assertThat(page.body()).contains("Please come back a little later",
				"So many new customers have come from your address lately",
				"Nothing was added and nothing was charged");

		Shopper elsewhere = new Shopper(port);
		elsewhere.get("/shop/product/71");
		assertThat(elsewhere.submit("/shop/cart/items", Map.of()).statusCode())
			.as("another address still becomes a customer")
			.isEqualTo(302);
	}

	/**
	 * A scripted flood from one address: past the address's rate its storefront requests are answered with a short 429 before any session or page work, and a shopper elsewhere is
	 * served throughout. The flood asks for the shopper's STOMP endpoint without an upgrade, which
	 * the storefront refuses cheaply: a flood of whole pages on a loaded machine may be served more
	 * slowly than the rate and never reach it.
	 */
	@Test
	void aFloodFromOneAddressIsSlowedToItsRateAndOthersAreStillServed() throws Exception {
		String address = Shopper.nextAddress();
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		List<HttpResponse<String>> refused = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger sent = new AtomicInteger();
		ExecutorService flood = Executors.newFixedThreadPool(16);
		long started = System.nanoTime();
		try {
			List<Future<?>> connections = new ArrayList<>();
			for (int c = 0; c < 16; c++) {
				// until the limit answers (a 429 needs more requests a second than the rate)
				connections.add(flood.submit(() -> {
					while (refused.isEmpty() && sent.incrementAndGet() <= MOST_FLOODED_REQUESTS) {
						HttpResponse<String> page = new Shopper(port, address).get("/shop/ws");
						statuses.merge(page.statusCode(), 1, Integer::sum);
						if (page.statusCode() == 429) {
							refused.add(page);
						}
					}
					return null;
				}));
			}
			Shopper elsewhere = new Shopper(port);
			assertThat(elsewhere.get("/shop/product/5").statusCode()).as("another address during the flood")
				.isEqualTo(200);
			for (Future<?> connection : connections) {
				connection.get();
			}
		}
		finally {
			flood.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;

		assertThat(statuses.keySet()).as("no request failed").allMatch(status -> status < 500);
		int served = statuses.entrySet().stream().filter(status -> status.getKey() != 429).mapToInt(Map.Entry::getValue).sum();
		// the burst, then the rate for as long as the flood lasted (and a second's rounding)
		assertThat(served).as("requests served in %.1f s", seconds)
			.isLessThanOrEqualTo((int) (STOREFRONT_REQUESTS_PER_SECOND
					* (StorefrontRequestLimit.BURST_SECONDS + Math.ceil(seconds) + 1)));
		assertThat(refused).as("refused within %d requests", MOST_FLOODED_REQUESTS).isNotEmpty().allSatisfy(page -> {
			assertThat(page.headers().firstValue("Retry-After")).isPresent();
			assertThat(page.headers().allValues("Set-Cookie")).as("no session, no cookie").isEmpty();
			assertThat(page.body()).contains("Please slow down");
		});
	}

	@Test
	void aVisitorWhoOnlyLooksIsGivenNoSession() throws Exception {
		Shopper crawler = new Shopper(port);
		for (String path : List.of("/", "/shop/category/knitwear", "/shop/product/3", "/shop/cart", "/shop/orders",
				"/shop/recommended")) {
			HttpResponse<String> page = crawler.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().allValues("Set-Cookie")).as(path)
				.noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
		}
		assertThat(crawler.cookie("JSESSIONID")).isEmpty();
	}

	@Test
	void signingOutEndsTheRememberMeCookieOnEveryBrowser() throws Exception {
		Shopper customer = customer("72");
		Shopper kept = customer.nextVisit(port);
		String userId = userId(customer.get("/shop/orders").body());
		assertThat(remembered.browsersOf(userId)).isPositive();

		assertThat(customer.submit("/shop/sign-out", Map.of()).statusCode()).isEqualTo(302);

		assertThat(remembered.browsersOf(userId)).isZero();
		assertThat(kept.get("/shop/orders").body()).as("the cookie kept from before the sign-out")
			.contains("Guest")
			.doesNotContain("Customer " + userId);
	}

	@Test
	void removingTheUserEndsTheRememberMeCookie() throws Exception {
		Shopper customer = customer("73");
		Shopper later = customer.nextVisit(port);
		String userId = userId(customer.get("/shop/orders").body());
		assertThat(remembered.browsersOf(userId)).isPositive();

		assertThat(api().delete("/users/remove/" + userId).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> remembered.browsersOf(userId) == 0);
		assertThat(later.get("/shop/orders").body()).contains("Guest").doesNotContain("Customer " + userId);
	}

	/** A guest made a customer by adding {@code productId} to their cart. */
	private Shopper customer(String productId) throws Exception {
		stockOf(productId);
		Shopper shopper = new Shopper(port);
		shopper.get("/shop/product/" + productId);
		HttpResponse<String> added = shopper.submit("/shop/cart/items", Map.of());
		assertThat(added.statusCode()).isEqualTo(302);
		shopper.follow(added);
		return shopper;
	}

	/** Stock of the tests' items, once the pages show it. */
	private void stockOf(String productId) {
		admin().post("/stock/batch_init/300/200/11");
		Shopper looking = new Shopper(port);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(looking.get("/shop/product/" + productId).body()).contains("In stock"));
	}

	private static String userId(String page) {
		Matcher customer = Pattern.compile("Customer (\\d+)").matcher(page);
		assertThat(customer.find()).as("signed in as a customer").isTrue();
		return customer.group(1);
	}

}
