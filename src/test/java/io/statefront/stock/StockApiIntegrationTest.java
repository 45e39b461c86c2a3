package io.statefront.stock;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock service of the shop API through HTTP, Kafka and the Flink item functions. */
class StockApiIntegrationTest extends IntegrationTest {

	@Test
	void createsItemsWithConsecutiveIdsAtTheirPrice() {
		Response first = api().post("/stock/item/create/25");
		Response second = api().post("/stock/item/create/30");

		assertThat(first.status()).isEqualTo(201);
		assertThat(Long.parseLong(second.text("item_id"))).isEqualTo(Long.parseLong(first.text("item_id")) + 1);
		assertThat(api().get("/stock/find/" + first.text("item_id")).json())
			.hasToString("{\"stock\":0,\"price\":25}");
	}

	@Test
	void addsAndSubtractsStockButNeverBelowZero() {
		String id = api().post("/stock/item/create/5").text("item_id");

		assertThat(api().post("/stock/add/" + id + "/10").status()).isEqualTo(200);
		assertThat(api().post("/stock/subtract/" + id + "/4").number("stock")).isEqualTo(6);
		Response refused = api().post("/stock/subtract/" + id + "/7");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("title")).isEqualTo("Insufficient stock");
		assertThat(api().get("/stock/find/" + id).number("stock")).isEqualTo(6);
	}

	@Test
	void neverSellsMoreThanItHasUnderConcurrentSubtractions() {
		String id = api().post("/stock/item/create/1").text("item_id");
		api().post("/stock/add/" + id + "/50");

		List<CompletableFuture<Response>> calls = IntStream.range(0, 300)
			.mapToObj(i -> api().call("POST", "/stock/subtract/" + id + "/1", Map.of()))
			.toList();
		List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();

		assertThat(statuses).filteredOn(status -> status == 200).hasSize(50);
		assertThat(statuses).filteredOn(status -> status == 409).hasSize(250);
		assertThat(api().get("/stock/find/" + id).number("stock")).isZero();
	}

	@Test
	void answersUnknownItemsWith404AndMalformedNumbersWith400() {
		assertThat(api().get("/stock/find/9000000000000000000").status()).isEqualTo(404);
		assertThat(api().post("/stock/add/9000000000000000000/1").status()).isEqualTo(404);
		assertThat(api().post("/stock/item/create/abc").status()).isEqualTo(400);
		assertThat(api().post("/stock/item/create/-1").status()).isEqualTo(400);
		assertThat(api().post("/stock/add/1/0").status()).isEqualTo(400);
		assertThat(api().post("/stock/subtract/%D9%A1/1").status()).isEqualTo(400);
		assertThat(anonymous().get("/stock/find/0").status()).isEqualTo(401);
	}

	@Test
	void appliesARepeatedIdempotencyKeyOnce() {
		String id = api().post("/stock/item/create/5").text("item_id");

		api().post("/stock/add/" + id + "/8", "restock-" + id);
		api().post("/stock/add/" + id + "/8", "restock-" + id);

		assertThat(api().get("/stock/find/" + id).number("stock")).isEqualTo(8);
	}

	@Test
	void aCreateKeyUsedAgainForAnotherPriceIsRefused() {
		String key = "item-create-" + System.nanoTime();
		String id = api().post("/stock/item/create/5", key).text("item_id");

		assertThat(api().post("/stock/item/create/5", key).text("item_id")).isEqualTo(id);
		assertThat(api().post("/stock/item/create/6", key).status()).isEqualTo(422);
		assertThat(api().get("/stock/find/" + id).number("price")).isEqualTo(5);
	}

}
