package io.statefront.order;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many shoppers race for the last units of one item: the saga never sells more than there is, never
 * takes credit for an order it refused, and what each client heard is what happened.
 */
class CheckoutContentionIntegrationTest extends IntegrationTest {

	private static final int SHOPPERS = 1000;

	private static final int STOCK = 100;

	@Test
	void aThousandCheckoutsForAHundredUnitsSellExactlyAHundred() {
		String item = api().post("/stock/item/create/1").text("item_id");
		api().post("/stock/add/" + item + "/" + STOCK);
		List<String> users = concurrently(SHOPPERS, i -> api().call("POST", "/payment/create_user", Map.of()))
			.stream()
			.map(created -> created.text("user_id"))
			.toList();
		concurrently(SHOPPERS, i -> api().call("POST", "/payment/add_funds/" + users.get(i) + "/1", Map.of()));
		List<String> orders = concurrently(SHOPPERS,
				i -> api().call("POST", "/orders/create/" + users.get(i), Map.of()))
			.stream()
			.map(created -> created.text("order_id"))
			.toList();
		concurrently(SHOPPERS, i -> api().call("POST", "/orders/addItem/" + orders.get(i) + "/" + item + "/1", Map.of()));

		List<Integer> statuses = concurrently(SHOPPERS,
				i -> api().call("POST", "/orders/checkout/" + orders.get(i), Map.of()))
			.stream()
			.map(Response::status)
			.toList();

		assertThat(statuses).filteredOn(status -> status == 200).hasSize(STOCK);
		assertThat(statuses).filteredOn(status -> status == 409).hasSize(SHOPPERS - STOCK);
		assertThat(api().get("/stock/find/" + item).number("stock")).isZero();
		List<Response> finalOrders = concurrently(SHOPPERS,
				i -> api().call("GET", "/orders/find/" + orders.get(i), Map.of()));
		List<Response> finalUsers = concurrently(SHOPPERS,
				i -> api().call("GET", "/payment/find_user/" + users.get(i), Map.of()));
		long creditTaken = finalUsers.stream().filter(user -> user.number("credit") == 0).count();
		assertThat(creditTaken).isEqualTo(STOCK);
		for (int i = 0; i < SHOPPERS; i++) {
			boolean told = statuses.get(i) == 200;
			assertThat(finalOrders.get(i).json().path("paid").asBoolean()).isEqualTo(told);
			assertThat(finalUsers.get(i).number("credit")).isEqualTo(told ? 0 : 1);
		}
	}

	private List<Response> concurrently(int calls, IntFunction<CompletableFuture<Response>> call) {
		List<CompletableFuture<Response>> pending = IntStream.range(0, calls).mapToObj(call).toList();
		List<Response> responses = pending.stream().map(CompletableFuture::join).toList();
		assertThat(responses).allSatisfy(response -> assertThat(response.status()).isLessThan(500));
		return responses;
	}

}
