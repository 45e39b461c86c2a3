package io.statefront.ledger;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The payment paths of the shop API, on the same users and credit as the users API. */
class PaymentApiIntegrationTest extends IntegrationTest {

	@Test
	void paysFromTheSameCreditTheUsersApiSees() {
		Response created = api().post("/payment/create_user");
		assertThat(created.status()).isEqualTo(201);
		String id = created.text("user_id");
		assertThat(api().get("/payment/find_user/" + id).number("credit")).isZero();

		assertThat(api().post("/payment/add_funds/" + id + "/50").status()).isEqualTo(200);
		Response paid = api().post("/payment/pay/" + id + "/20");

		assertThat(paid.status()).isEqualTo(200);
		assertThat(paid.number("credit")).isEqualTo(30);
		assertThat(api().get("/users/credit/" + id).number("credit")).isEqualTo(30);
	}

	@Test
	void refusesToPayMoreThanTheUserHasAndChangesNothing() {
		String id = api().post("/payment/create_user").text("user_id");
		api().post("/payment/add_funds/" + id + "/10");

		Response refused = api().post("/payment/pay/" + id + "/11");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(api().get("/payment/find_user/" + id).number("credit")).isEqualTo(10);
	}

	@Test
	void answersUnknownUsersAndMalformedNumbersLikeTheUsersApi() {
		assertThat(api().get("/payment/find_user/9000000000000000001").status()).isEqualTo(404);
		assertThat(api().post("/payment/pay/9000000000000000001/1").status()).isEqualTo(404);
		assertThat(api().post("/payment/add_funds/abc/1").status()).isEqualTo(400);
		assertThat(api().post("/payment/pay/1/-5").status()).isEqualTo(400);
		assertThat(anonymous().post("/payment/create_user").status()).isEqualTo(401);
	}

}
