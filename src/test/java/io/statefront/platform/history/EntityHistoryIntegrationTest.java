package io.statefront.platform.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's and an item's history through the API: the changes the functions applied, read back
 * from the applied-change log in Kafka, each with the request that made it.
 */
class EntityHistoryIntegrationTest extends IntegrationTest {

	@Test
	void aUsersHistoryIsEveryChangeOfTheirCreditNewestFirstWithItsRequest() {
		String user = api().post("/users/create").text("user_id");
		Instant before = Instant.now().minusSeconds(1);
		assertThat(api().post("/users/credit/add/" + user + "/100", "top-up-" + user).status()).isEqualTo(200);
		assertThat(api().post("/users/credit/add/" + user + "/100", "top-up-" + user).status()).isEqualTo(200);
		assertThat(api().post("/users/credit/subtract/" + user + "/30").status()).isEqualTo(200);
		assertThat(api().post("/users/credit/subtract/" + user + "/500").status()).isEqualTo(409);

		List<JsonNode> changes = changes("/users/history/" + user, 2);

		assertThat(changes).extracting(change -> change.path("operation").asString(),
				change -> change.path("delta").asLong(), change -> change.path("balance").asLong(),
				change -> change.path("request_type").asString())
			.containsExactly(tuple("SUBTRACT_CREDIT", -30L, 70L, "request_id"),
					tuple("ADD_CREDIT", 100L, 100L, "idempotency_key"));
		assertThat(changes.get(1).path("request").asString()).isEqualTo("top-up-" + user);
		assertThat(changes.get(0).path("request").asString()).isNotBlank();
		Instant latest = Instant.parse(changes.get(0).path("at").asString());
		Instant earlier = Instant.parse(changes.get(1).path("at").asString());
		assertThat(earlier).isAfter(before).isBeforeOrEqualTo(latest);
		assertThat(latest).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void aRefusedCheckoutShowsItsPaymentRefundedAndItsStockReturnedAndAPaidOneWhatItTook() {
		String user = newUser(100);
		String plenty = newItem(1, 10);
		String scarce = newItem(1, 1);
		String refusedOrder = newOrder(user);
		api().post("/orders/addItem/" + refusedOrder + "/" + plenty + "/4");
		api().post("/orders/addItem/" + refusedOrder + "/" + scarce + "/2");
		assertThat(api().post("/orders/checkout/" + refusedOrder).status()).isEqualTo(409);
		// a refusal may be answered before its compensations land: the next checkout comes after them
		changes("/users/history/" + user, 3);
		changes("/stock/history/" + plenty, 3);
		String paidOrder = newOrder(user);
		api().post("/orders/addItem/" + paidOrder + "/" + plenty + "/3");
		assertThat(api().post("/orders/checkout/" + paidOrder).status()).isEqualTo(200);

		List<JsonNode> userChanges = changes("/users/history/" + user, 4);
		List<JsonNode> plentyChanges = changes("/stock/history/" + plenty, 4);
		List<JsonNode> scarceChanges = changes("/stock/history/" + scarce, 1);

		assertThat(userChanges).extracting(EntityHistoryIntegrationTest::row)
			.containsExactly("PAY -3 = 97 by order " + paidOrder + " step pay:" + user,
					"REFUND +6 = 100 by order " + refusedOrder + " step refund:" + user,
					"PAY -6 = 94 by order " + refusedOrder + " step pay:" + user, "ADD_CREDIT +100 = 100 by request_id");
		assertThat(plentyChanges).extracting(EntityHistoryIntegrationTest::row)
			.containsExactly("TAKE -3 = 7 by order " + paidOrder + " step take_stock:" + plenty,
					"RETURN +4 = 10 by order " + refusedOrder + " step return_stock:" + plenty,
					"TAKE -4 = 6 by order " + refusedOrder + " step take_stock:" + plenty,
					"ADD_STOCK +10 = 10 by request_id");
		assertThat(scarceChanges).extracting(EntityHistoryIntegrationTest::row).containsExactly("ADD_STOCK +1 = 1 by request_id");
		// a compensation belongs to the attempt it undoes
		assertThat(userChanges.get(1).path("attempt").asLong()).isEqualTo(userChanges.get(2).path("attempt").asLong());
	}

	@Test
	void pagesWalkBackThroughTheWholeHistoryAndSayWhenItIsComplete() {
		String item = newItem(2, 0);
		for (int i = 1; i <= 5; i++) {
			assertThat(api().post("/stock/add/" + item + "/" + i).status()).isEqualTo(200);
		}
		List<JsonNode> whole = changes("/stock/history/" + item, 5);

		List<JsonNode> paged = new ArrayList<>();
		Response page = api().get("/stock/history/" + item + "?limit=2");
		paged.addAll(list(page));
		while (!page.json().path("complete").asBoolean()) {
			assertThat(page.json().path("changes")).hasSize(2);
			page = api().get("/stock/history/" + item + "?limit=2&before=" + page.json().path("next").asLong());
			paged.addAll(list(page));
		}

		assertThat(paged).isEqualTo(whole);
		assertThat(whole).extracting(change -> change.path("delta").asLong()).containsExactly(5L, 4L, 3L, 2L, 1L);
		assertThat(page.json().path("next").isNull()).isTrue();
	}

	@Test
	void anIdWithNoChangesHasAnEmptyCompleteHistory() {
		Response history = api().get("/users/history/9000000000000000000");

		assertThat(history.status()).isEqualTo(200);
		assertThat(history.json().path("entity").asString()).isEqualTo("user/9000000000000000000");
		assertThat(history.json().path("changes")).isEmpty();
		assertThat(history.json().path("complete").asBoolean()).isTrue();
	}

	@Test
	void malformedIdsLimitsAndCursorsAreProblemsAndCredentialsAreNeeded() {
		for (String path : List.of("/users/history/abc", "/users/history/-1", "/stock/history/1.5",
				"/stock/history/%D9%A1", "/users/history/99999999999999999999", "/users/history/1?limit=0",
				"/users/history/1?limit=501", "/stock/history/1?limit=ten", "/stock/history/1?before=-3")) {
			Response refused = api().get(path);
			assertThat(refused.status()).as(path).isEqualTo(400);
			assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
			assertThat(refused.json().path("status").asInt()).as(path).isEqualTo(400);
		}
		assertThat(anonymous().get("/users/history/1").status()).isEqualTo(401);
	}

	/** The history's newest changes once it has {@code count} of them: the log is written beside the reply. */
	private List<JsonNode> changes(String path, int count) {
		List<JsonNode> changes = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Response history = api().get(path);
			assertThat(history.status()).isEqualTo(200);
			changes.clear();
			changes.addAll(list(history));
			assertThat(changes).hasSizeGreaterThanOrEqualTo(count);
		});
		return changes;
	}

	private static List<JsonNode> list(Response page) {
		List<JsonNode> changes = new ArrayList<>();
		page.json().path("changes").forEach(changes::add);
		return changes;
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private String newUser(long credit) {
		String user = api().post("/payment/create_user").text("user_id");
		api().post("/payment/add_funds/" + user + "/" + credit);
		return user;
	}

	private String newItem(long price, long stock) {
		String item = api().post("/stock/item/create/" + price).text("item_id");
		if (stock > 0) {
			api().post("/stock/add/" + item + "/" + stock);
		}
		return item;
	}

	private String newOrder(String user) {
		return api().post("/orders/create/" + user).text("order_id");
	}

	/** A change in one line, to compare whole histories at a glance. */
	private static String row(JsonNode change) {
		long delta = change.path("delta").asLong();
		String by = change.path("request_type").asString().equals("saga_step")
				? "order " + change.path("order_id").asString() + " step " + change.path("step").asString()
				: change.path("request_type").asString();
		return change.path("operation").asString() + " " + ((delta > 0) ? "+" : "") + delta + " = "
				+ change.path("balance").asLong() + " by " + by;
	}

}
