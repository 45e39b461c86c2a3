package io.statefront.order;

import java.time.Duration;
import java.util.List;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive of paid orders: every paid order reaches it through the order-archive topic, and an
 * order the functions no longer hold is read from it, through the same API.
 */
class OrderArchiveIntegrationTest extends IntegrationTest {

	@Autowired
	OrderArchive archive;

	@Test
	void aPaidOrderReachesTheArchive() {
		String user = api().post("/payment/create_user").text("user_id");
		api().post("/payment/add_funds/" + user + "/100");
		String item = api().post("/stock/item/create/10").text("item_id");
		api().post("/stock/add/" + item + "/5");
		String order = api().post("/orders/create/" + user).text("order_id");
		api().post("/orders/addItem/" + order + "/" + item + "/3");
		assertThat(api().post("/orders/checkout/" + order).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> archive.find(order).isPresent());
		ArchivedOrder archived = archive.find(order).orElseThrow();
		assertThat(archived.userId()).isEqualTo(user);
		assertThat(archived.items()).containsExactly(new OrderLine(item, 3));
		assertThat(archived.totalCost()).isEqualTo(30);
		assertThat(archive.paidBy(user, 10)).containsExactly(order);
		// and how far it has read, beside the orders, where the listener resumes after a crash
		assertThat(archive.nextOffsets()).isNotEmpty().allSatisfy((partition, next) -> assertThat(next).isPositive());
	}

	@Test
	void anOrderTheFunctionsNoLongerHoldIsReadFromTheArchive() {
		// as the functions leave it once its horizon has passed: in the archive only
		String forgotten = "8000000000000000001";
		archive.keep(new ArchivedOrder(forgotten, "42", List.of(new OrderLine("7", 2)), 18, 1_000));

		Response found = api().get("/orders/find/" + forgotten);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json().path("paid").asBoolean()).isTrue();
		assertThat(found.number("total_cost")).isEqualTo(18);
		assertThat(found.text("user_id")).isEqualTo("42");

		Response checkout = api().post("/orders/checkout/" + forgotten);
		assertThat(checkout.status()).isEqualTo(409);
		assertThat(checkout.text("title")).isEqualTo("Order already paid");
		assertThat(api().get("/orders/find/8000000000000000002").status()).isEqualTo(404);
	}

}
