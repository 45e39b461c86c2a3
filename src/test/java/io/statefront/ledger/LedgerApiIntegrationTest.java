package io.statefront.ledger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The users and credit API through HTTP, Kafka and the Flink user functions. */
class LedgerApiIntegrationTest extends IntegrationTest {

	@Test
	void handsOutConsecutiveIds() {
		long first = Long.parseLong(api().post("/users/create").text("user_id"));
		Response second = api().post("/users/create");

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.text("user_id")).isEqualTo(Long.toString(first + 1));
		assertThat(second.header("Location")).isEqualTo("/users/find/" + (first + 1));
	}

	@Test
	void carriesAUserThroughItsWholeLife() {
		String id = newUser();
		assertThat(api().get("/users/find/" + id).json()).hasToString("{\"user_id\":\"" + id + "\",\"credit\":0}");

		assertThat(api().post("/users/credit/add/" + id + "/100").number("credit")).isEqualTo(100);
		Response subtracted = api().post("/users/credit/subtract/" + id + "/30");
		assertThat(subtracted.status()).isEqualTo(200);
		assertThat(subtracted.number("credit")).isEqualTo(70);
		assertThat(api().get("/users/credit/" + id).number("credit")).isEqualTo(70);

		Response removed = api().delete("/users/remove/" + id);
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.json().path("removed").asBoolean()).isTrue();
		assertThat(api().get("/users/find/" + id).status()).isEqualTo(404);
		assertThat(api().delete("/users/remove/" + id).status()).isEqualTo(404);
	}

	@Test
	void refusesToTakeCreditBelowZeroAndSaysWhy() {
		String id = newUserWithCredit(70);

		Response refused = api().post("/users/credit/subtract/" + id + "/71");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(refused.text("title")).isEqualTo("Insufficient credit");
		assertThat(refused.number("credit")).isEqualTo(70);
		assertThat(creditOf(id)).isEqualTo(70);
	}

	@Test
	void refusesToAddPastTheLargestLong() {
		String id = newUserWithCredit(Long.MAX_VALUE);

		Response refused = api().post("/users/credit/add/" + id + "/1");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("title")).isEqualTo("Credit limit exceeded");
		assertThat(creditOf(id)).isEqualTo(Long.MAX_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/find/", "/users/credit/", "/users/credit/add/{id}/5",
			"/users/credit/subtract/{id}/5", "/users/remove/" })
	void answersUnknownUsersWith404(String endpoint) {
		String unknown = "9000000000000000000";
		String path = endpoint.contains("{id}") ? endpoint.replace("{id}", unknown) : endpoint + unknown;
		String method = path.contains("/remove/") ? "DELETE" : path.contains("/add/") || path.contains("/subtract/")
				? "POST" : "GET";

		Response response = api().call(method, path, Map.of()).join();

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.text("title")).isEqualTo("User not found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-1", "1.5", "%20", "%D9%A1", "%EF%BC%91", "99999999999999999999", "1e3" })
	void refusesMalformedIdsWith400(String malformedId) {
		Map<String, String> endpoints = Map.of("/users/find/" + malformedId, "GET", "/users/credit/" + malformedId,
				"GET", "/users/remove/" + malformedId, "DELETE", "/users/credit/add/" + malformedId + "/1", "POST",
				"/users/credit/subtract/" + malformedId + "/1", "POST");

		endpoints.forEach((path, method) -> {
			Response response = api().call(method, path, Map.of()).join();

			assertThat(response.status()).as("%s %s", method, path).isEqualTo(400);
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "abc", "1.5", "%D9%A3", "%EF%BC%95", "9223372036854775808" })
	void refusesMalformedAmountsWith400AndChangesNothing(String malformedAmount) {
		String id = newUserWithCredit(10);

		for (String operation : List.of("add", "subtract")) {
			Response response = api().post("/users/credit/" + operation + "/" + id + "/" + malformedAmount);

			assertThat(response.status()).as("%s %s", operation, malformedAmount).isEqualTo(400);
			assertThat(response.text("detail")).startsWith("'amount': ");
		}
		assertThat(creditOf(id)).isEqualTo(10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/credit/add/1", "/users/credit/add/1/", "/users/find", "/users/nothing/1" })
	void answersPathsThatAreNoEndpointWith404(String path) {
		assertThat(api().post(path).status()).isEqualTo(404);
	}

	@Test
	void refusesAnAcceptHeaderItCannotSatisfyBeforeApplyingAnything() {
		String id = newUserWithCredit(10);

		Response refused = api().call("POST", "/users/credit/add/" + id + "/5", Map.of("Accept", "application/xml"))
			.join();

		assertThat(refused.status()).isEqualTo(406);
		assertThat(creditOf(id)).isEqualTo(10);
	}

	@Test
	void answersAWrongMethodWith405() {
		assertThat(api().get("/users/create").status()).isEqualTo(405);
		assertThat(api().delete("/users/credit/add/1/1").status()).isEqualTo(405);
	}

	@Test
	void appliesARepeatedIdempotencyKeyOnceAndAnswersItTheSame() {
		String id = newUser();

		Response first = api().post("/users/credit/add/" + id + "/25", "add-25-" + id);
		Response repeat = api().post("/users/credit/add/" + id + "/25", "add-25-" + id);

		assertThat(repeat.status()).isEqualTo(first.status()).isEqualTo(200);
		assertThat(repeat.json()).isEqualTo(first.json());
		assertThat(creditOf(id)).isEqualTo(25);
	}

	@Test
	void refusesAnIdempotencyKeyReusedForADifferentRequest() {
		String id = newUser();
		api().post("/users/credit/add/" + id + "/25", "reused-" + id);

		Response reused = api().post("/users/credit/add/" + id + "/26", "reused-" + id);

		assertThat(reused.status()).isEqualTo(422);
		assertThat(creditOf(id)).isEqualTo(25);
	}

	@Test
	void createsOneUserPerIdempotencyKey() {
		Response first = api().post("/users/create", "create-once");
		Response repeat = api().post("/users/create", "create-once");
		Response other = api().post("/users/create");

		assertThat(repeat.text("user_id")).isEqualTo(first.text("user_id"));
		assertThat(Long.parseLong(other.text("user_id"))).isEqualTo(Long.parseLong(first.text("user_id")) + 1);
	}

	@Test
	void removesOncePerIdempotencyKey() {
		String id = newUser();

		assertThat(api().delete("/users/remove/" + id, "remove-" + id).status()).isEqualTo(200);
		assertThat(api().delete("/users/remove/" + id, "remove-" + id).status()).isEqualTo(200);
		assertThat(api().delete("/users/remove/" + id).status()).isEqualTo(404);
	}

	@Test
	void refusesAMalformedIdempotencyKey() {
		String id = newUser();

		Response response = api().post("/users/credit/add/" + id + "/5", "has space");

		assertThat(response.status()).isEqualTo(400);
		assertThat(creditOf(id)).isZero();
	}

	@Test
	void aHotAccountGrantsExactlyAsManySubtractionsAsItHasCredit() {
		String id = newUserWithCredit(100);

		List<CompletableFuture<Response>> calls = IntStream.range(0, 1000)
			.mapToObj(i -> api().call("POST", "/users/credit/subtract/" + id + "/1", Map.of()))
			.toList();
		List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();

		assertThat(statuses).filteredOn(status -> status == 200).hasSize(100);
		assertThat(statuses).filteredOn(status -> status == 409).hasSize(900);
		assertThat(creditOf(id)).isZero();
	}

	@Test
	void needsTheApiUsersCredentials() {
		String id = newUser();

		Response anonymous = anonymous().get("/users/find/" + id);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous().post("/users/create").status()).isEqualTo(401);
		assertThat(anonymous().get("/no/such/endpoint").status()).as("paths no chain names").isEqualTo(401);
		assertThat(new Api("http://localhost:" + port, API_USER, "wrong").get("/users/find/" + id).status())
			.isEqualTo(401);
	}

	@Test
	void reportsBrokerJobsAndGatewayInPublicHealth() {
		Response health = anonymous().get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
		for (String component : List.of("broker", "flink", "gateway")) {
			assertThat(health.json().path("components").path(component).path("status").asString())
				.as(component)
				.isEqualTo("UP");
		}
		assertThat(api().get("/actuator/health").json().path("components").path("flink").path("details")
			.path("functions").asString()).isEqualTo("RUNNING");
	}

	private String newUser() {
		Response created = api().post("/users/create");
		assertThat(created.status()).isEqualTo(201);
		return created.text("user_id");
	}

	private String newUserWithCredit(long credit) {
		String id = newUser();
		assertThat(api().post("/users/credit/add/" + id + "/" + credit).status()).isEqualTo(200);
		return id;
	}

	private long creditOf(String id) {
		Response response = api().get("/users/credit/" + id);
		assertThat(response.status()).isEqualTo(200);
		return response.number("credit");
	}

}
