package io.statefront.platform.web;

import java.util.Map;

import io.statefront.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/** A user with credit, an item with stock, an order of that user with that item in it. */
record Fixtures(String userId, String itemId, String orderId) {

	static Fixtures create(Api api) {
		String userId = api.post("/users/create").text("user_id");
		assertThat(api.post("/users/credit/add/" + userId + "/100").status()).isEqualTo(200);
		String itemId = api.post("/stock/item/create/7").text("item_id");
		assertThat(api.post("/stock/add/" + itemId + "/10").status()).isEqualTo(200);
		String orderId = api.post("/orders/create/" + userId).text("order_id");
		assertThat(api.post("/orders/addItem/" + orderId + "/" + itemId + "/1").status()).isEqualTo(200);
		return new Fixtures(userId, itemId, orderId);
	}

	String idFor(String parameter) {
		return switch (parameter) {
			case "itemId" -> itemId;
			case "orderId" -> orderId;
			default -> userId;
		};
	}

	boolean isId(String value) {
		return value.equals(userId) || value.equals(itemId) || value.equals(orderId);
	}

	Map<String, String> state(Api api) {
		return Map.of("user", api.get("/users/find/" + userId).raw().body(), "item",
				api.get("/stock/find/" + itemId).raw().body(), "order", api.get("/orders/find/" + orderId).raw().body(),
				"simulator", api.get("/analytics/simulator").raw().body());
	}

	/** Ids are handed out one after another: the next of each kind follows the fixture's. */
	void assertNothingWasCreated(Api api) {
		assertThat(Long.parseLong(api.post("/users/create").text("user_id"))).as("next user id")
			.isEqualTo(Long.parseLong(userId) + 1);
		assertThat(Long.parseLong(api.post("/stock/item/create/7").text("item_id"))).as("next item id")
			.isEqualTo(Long.parseLong(itemId) + 1);
		assertThat(Long.parseLong(api.post("/orders/create/" + userId).text("order_id"))).as("next order id")
			.isEqualTo(Long.parseLong(orderId) + 1);
	}

}
