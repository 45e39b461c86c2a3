package io.statefront.order;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order service and its checkout saga through HTTP, Kafka and the Flink functions. */
class OrderApiIntegrationTest extends IntegrationTest {

	@Test
	void opensOrdersForUsersThatExistOnly() {
		String user = newUser(0);
		Response created = api().post("/orders/create/" + user);

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/orders/find/" + created.text("order_id"));
		assertThat(api().get("/orders/find/" + created.text("order_id")).json()).hasToString("{\"order_id\":\""
				+ created.text("order_id") + "\",\"paid\":false,\"items\":[],\"user_id\":\"" + user + "\",\"total_cost\":0}");
		Response unknownUser = api().post("/orders/create/9000000000000000000");
		assertThat(unknownUser.status()).isEqualTo(404);
		assertThat(unknownUser.text("title")).isEqualTo("User not found");
	}

	@Test
	void aCreateRefusedForAnUnknownUserNamesNoOrderAndItsIdNeverOpens() {
		String user = newUser(0);
		long before = Long.parseLong(newOrder(user));

		Response refused = api().post("/orders/create/424242424242", "create-for-nobody");
		Response repeated = api().post("/orders/create/424242424242", "create-for-nobody");
		long after = Long.parseLong(newOrder(user));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().propertyNames()).doesNotContain("order_id");
		assertThat(refused.text("user_id")).isEqualTo("424242424242");
		assertThat(repeated.status()).isEqualTo(404);
		assertThat(repeated.json()).isEqualTo(refused.json());
		// the refused create drew the id between the two orders (its repeat drew none): it stays unopened
		assertThat(after).isEqualTo(before + 2);
		assertThat(api().get("/orders/find/" + (before + 1)).status()).isEqualTo(404);
		assertThat(api().post("/orders/addItem/" + (before + 1) + "/" + newItem(1, 1) + "/1").status()).isEqualTo(404);
	}

	@Test
	void addsItemsAtTheirPrices() {
		String order = newOrder(newUser(0));
		String shoe = newItem(25, 0);
		String sock = newItem(3, 0);

		assertThat(api().post("/orders/addItem/" + order + "/" + shoe + "/2").status()).isEqualTo(200);
		Response added = api().post("/orders/addItem/" + order + "/" + sock + "/1");

		assertThat(added.number("total_cost")).isEqualTo(53);
		assertThat(api().get("/orders/find/" + order).json().path("items"))
			.hasToString("[[\"" + shoe + "\",2],[\"" + sock + "\",1]]");
	}

	@Test
	void refusesUnknownItemsAndOrdersAndMalformedNumbers() {
		String order = newOrder(newUser(0));
		String item = newItem(5, 0);

		Response unknownItem = api().post("/orders/addItem/" + order + "/9000000000000000000/1");
		assertThat(unknownItem.status()).isEqualTo(404);
		assertThat(unknownItem.text("title")).isEqualTo("Item not found");
		assertThat(api().post("/orders/addItem/9000000000000000000/" + item + "/1").status()).isEqualTo(404);
		assertThat(api().get("/orders/find/9000000000000000000").status()).isEqualTo(404);
		assertThat(api().post("/orders/checkout/9000000000000000000").status()).isEqualTo(404);
		assertThat(api().post("/orders/addItem/" + order + "/" + item + "/0").status()).isEqualTo(400);
		assertThat(api().post("/orders/addItem/" + order + "/" + item + "/1.5").status()).isEqualTo(400);
		assertThat(api().post("/orders/create/-1").status()).isEqualTo(400);
		assertThat(api().get("/orders/find/" + order).number("total_cost")).isZero();
	}

	@Test
	void checkoutTakesTheStockAndTheCreditOnceAndOnlyOnce() {
		String user = newUser(100);
		String item = newItem(10, 5);
		String order = newOrder(user);
		api().post("/orders/addItem/" + order + "/" + item + "/3");

		Response checkedOut = api().post("/orders/checkout/" + order);
		assertThat(checkedOut.status()).isEqualTo(200);
		assertThat(checkedOut.json().path("paid").asBoolean()).isTrue();
		Response again = api().post("/orders/checkout/" + order);

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("title")).isEqualTo("Order already paid");
		assertThat(api().get("/stock/find/" + item).number("stock")).isEqualTo(2);
		assertThat(api().get("/payment/find_user/" + user).number("credit")).isEqualTo(70);
		assertThat(api().post("/orders/addItem/" + order + "/" + item + "/1").status()).isEqualTo(409);
	}

	@Test
	void aCheckoutWithoutEnoughStockChangesNothing() {
		String user = newUser(100);
		String plenty = newItem(1, 10);
		String scarce = newItem(1, 1);
		String order = newOrder(user);
		api().post("/orders/addItem/" + order + "/" + plenty + "/4");
		api().post("/orders/addItem/" + order + "/" + scarce + "/2");

		Response refused = api().post("/orders/checkout/" + order);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("title")).isEqualTo("Insufficient stock");
		assertThat(refused.text("item_id")).isEqualTo(scarce);
		assertThat(api().get("/stock/find/" + plenty).number("stock")).isEqualTo(10);
		assertThat(api().get("/stock/find/" + scarce).number("stock")).isEqualTo(1);
		assertThat(api().get("/payment/find_user/" + user).number("credit")).isEqualTo(100);
		assertThat(api().get("/orders/find/" + order).json().path("paid").asBoolean()).isFalse();
	}

	@Test
	void aCheckoutWithoutEnoughCreditChangesNothingAndCanBeRetriedOnceThereIs() {
		String user = newUser(20);
		String item = newItem(7, 10);
		String order = newOrder(user);
		api().post("/orders/addItem/" + order + "/" + item + "/3");

		Response refused = api().post("/orders/checkout/" + order);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("title")).isEqualTo("Insufficient credit");
		assertThat(refused.number("credit")).isEqualTo(20);
		assertThat(api().get("/stock/find/" + item).number("stock")).isEqualTo(10);
		assertThat(api().get("/payment/find_user/" + user).number("credit")).isEqualTo(20);

		api().post("/payment/add_funds/" + user + "/1");
		assertThat(api().post("/orders/checkout/" + order).status()).isEqualTo(200);
		assertThat(api().get("/payment/find_user/" + user).number("credit")).isZero();
		assertThat(api().get("/stock/find/" + item).number("stock")).isEqualTo(7);
	}

	@Test
	void aRepeatedCheckoutUnderItsIdempotencyKeyGetsTheFirstAnswer() {
		String user = newUser(10);
		String item = newItem(1, 10);
		String order = newOrder(user);
		api().post("/orders/addItem/" + order + "/" + item + "/1");

		assertThat(api().post("/orders/checkout/" + order, "checkout-" + order).status()).isEqualTo(200);
		assertThat(api().post("/orders/checkout/" + order, "checkout-" + order).status()).isEqualTo(200);
		assertThat(api().get("/payment/find_user/" + user).number("credit")).isEqualTo(9);
	}

	@Test
	void aCreateKeyUsedAgainForAnotherUserIsRefusedAndOpensNothing() {
		String first = newUser(0);
		String second = newUser(0);
		String key = "create-" + first + "-" + second;

		Response created = api().post("/orders/create/" + first, key);
		Response repeated = api().post("/orders/create/" + first, key);
		Response reused = api().post("/orders/create/" + second, key);

		assertThat(created.status()).isEqualTo(201);
		assertThat(repeated.status()).isEqualTo(201);
		assertThat(repeated.text("order_id")).isEqualTo(created.text("order_id"));
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.json().has("order_id")).as("a refusal names no order").isFalse();
		assertThat(api().get("/orders/find/" + created.text("order_id")).text("user_id")).isEqualTo(first);
	}

	@Test
	void batchInitialisesUsersItemsAndOrdersThatCheckOut() {
		assertThat(admin().post("/payment/batch_init/30/7").text("msg")).isEqualTo("Batch init for users successful");
		assertThat(admin().post("/stock/batch_init/30/5/3").text("msg")).isEqualTo("Batch init for stock successful");
		assertThat(admin().post("/orders/batch_init/30/30/30/3").text("msg"))
			.isEqualTo("Batch init for orders successful");

		assertThat(api().get("/payment/find_user/29").number("credit")).isEqualTo(7);
		assertThat(api().get("/stock/find/29").json()).hasToString("{\"stock\":5,\"price\":3}");
		Response order = api().get("/orders/find/29");
		assertThat(order.number("total_cost")).isEqualTo(6);
		assertThat(order.json().path("items")).hasSize(2);
		assertThat(Long.parseLong(order.text("user_id"))).isBetween(0L, 29L);
		assertThat(api().post("/orders/checkout/29").status()).isEqualTo(200);
		assertThat(api().get("/payment/find_user/" + order.text("user_id")).number("credit")).isEqualTo(1);
		assertThat(Long.parseLong(api().post("/payment/create_user").text("user_id"))).isGreaterThanOrEqualTo(30);
		assertThat(admin().post("/payment/batch_init/0/7").status()).isEqualTo(400);
		assertThat(admin().post("/stock/batch_init/2000000/5/3").status()).isEqualTo(400);
	}

	private String newUser(long credit) {
		String user = api().post("/payment/create_user").text("user_id");
		if (credit > 0) {
			api().post("/payment/add_funds/" + user + "/" + credit);
		}
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

}
