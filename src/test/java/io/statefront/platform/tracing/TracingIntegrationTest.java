package io.statefront.platform.tracing;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.console.ConsoleAdmin;
import io.statefront.platform.tracing.TracedRequest.Hop;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace through the running application: its server span, the command's send to Kafka,
 * the function in the Flink MiniCluster (timed by Flink, recorded from the reply's headers) and the
 * reply's way back, as the application's own collector of recent requests holds them; and the
 * {@code traceresponse} header that names it, on successes and refusals alike.
 */
class TracingIntegrationTest extends IntegrationTest {

	private static final Pattern TRACERESPONSE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

	@Autowired
	RecentRequests recent;

	@Test
	void aCreditChangeIsTracedFromHttpThroughKafkaAndItsUserFunctionAndBack() {
		String user = api().post("/users/create").text("user_id");

		Response added = api().post("/users/credit/add/" + user + "/5");

		assertThat(added.status()).isEqualTo(200);
		TracedRequest request = traced(added);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.url()).isEqualTo("/users/credit/add/" + user + "/5");
		assertThat(request.status()).isEqualTo("200");
		Hop send = hop(request, hop -> hop.kind().equals("PRODUCER"));
		Hop function = hop(request, hop -> hop.name().equals("users ADD_CREDIT"));
		Hop reply = hop(request, hop -> hop.name().equals("user-events reply"));
		assertThat(send.name()).isEqualTo("users send");
		assertThat(send.parentSpanId()).as("the send, inside the request").isEqualTo(request.spanId());
		assertThat(function.parentSpanId()).as("the function, inside the send whose context it carried")
			.isEqualTo(send.spanId());
		assertThat(function.key()).isEqualTo(user);
		assertThat(reply.parentSpanId()).as("the reply, after the function").isEqualTo(function.spanId());
		// in the order they happened, all within the request (one clock: Flink runs in this JVM)
		assertThat(function.startNanos()).isGreaterThanOrEqualTo(send.startNanos());
		assertThat(reply.startNanos()).isEqualTo(function.startNanos() + function.durationNanos());
		assertThat(end(reply)).isLessThanOrEqualTo(request.startNanos() + request.durationNanos());
		assertThat(send.startNanos()).isGreaterThanOrEqualTo(request.startNanos());
	}

	@Test
	void aCreateIsTracedThroughTheCreateFunctionToTheNewUsersReply() {
		Response created = api().post("/users/create");

		assertThat(created.status()).isEqualTo(201);
		TracedRequest request = traced(created);
		Hop send = hop(request, hop -> hop.name().equals("users-create send"));
		Hop functions = hop(request, hop -> hop.name().equals("users-create CREATE"));
		assertThat(functions.parentSpanId()).isEqualTo(send.spanId());
		assertThat(hop(request, hop -> hop.name().equals("user-events reply")).parentSpanId())
			.isEqualTo(functions.spanId());
	}

	@Test
	void refusalsCarryTheirTraceToo() {
		String user = api().post("/users/create").text("user_id");

		Response tooMuch = api().post("/users/credit/subtract/" + user + "/1");
		Response unknown = api().get("/users/find/9000000000000000000");
		Response badInput = api().post("/users/credit/add/" + user + "/nothing");
		Response unauthenticated = anonymous().get("/users/find/" + user);

		assertThat(tooMuch.status()).isEqualTo(409);
		assertThat(traced(tooMuch).hops()).extracting(Hop::name).contains("users SUBTRACT_CREDIT");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(traced(unknown).hops()).extracting(Hop::name).contains("users FIND");
		assertThat(badInput.status()).isEqualTo(400);
		assertThat(traced(badInput).status()).isEqualTo("400");
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(traced(unauthenticated).status()).isEqualTo("401");
	}

	@Test
	void theStorefrontsPagesCarryTheirTrace() {
		Response home = anonymous().get("/");

		assertThat(home.status()).isEqualTo(200);
		assertThat(traced(home).url()).isEqualTo("/");
	}

	@Test
	void theConsoleFindsARequestByTheTraceItsCallerQuotes() throws Exception {
		String user = api().post("/users/create").text("user_id");
		Response read = api().get("/users/credit/" + user);
		String traceresponse = read.header("traceresponse");
		traced(read);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);

		String page = admin.get("/console/traces?trace=" + traceresponse).body();

		assertThat(page).contains("<details class=\"trace\" open")
			.contains(traceIdOf(traceresponse))
			.contains("GET /users/credit/" + user)
			.contains("users FIND");
		assertThat(admin.get("/console/traces?trace=" + "0".repeat(32)).body())
			.contains("is not among the latest requests");
		assertThat(admin.htmx("/console/traces").body()).startsWith("<section class=\"panel\" id=\"requests\"");
	}

	/** The request the response's {@code traceresponse} names, once its server span has ended. */
	private TracedRequest traced(Response response) {
		String traceresponse = response.header("traceresponse");
		assertThat(traceresponse).as("traceresponse of a %d", response.status()).matches(TRACERESPONSE);
		Matcher ids = TRACERESPONSE.matcher(traceresponse);
		assertThat(ids.matches()).isTrue();
		TracedRequest request = await().atMost(Duration.ofSeconds(10))
			.until(() -> recent.find(ids.group(1)), found -> found != null);
		assertThat(request.spanId()).as("the server span's id").isEqualTo(ids.group(2));
		return request;
	}

	private static String traceIdOf(String traceresponse) {
		return traceresponse.split("-")[1];
	}

	private static Hop hop(TracedRequest request, Predicate<Hop> which) {
		List<Hop> hops = request.hops().stream().filter(which).toList();
		assertThat(hops).as("hops of %s", request).hasSize(1);
		return hops.get(0);
	}

	private static long end(Hop hop) {
		return hop.startNanos() + hop.durationNanos();
	}

}
