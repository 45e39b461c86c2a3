package io.statefront.platform.security;

import java.lang.reflect.Type;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.statefront.console.ConsoleAdmin;
import io.statefront.support.IntegrationTest;
import io.statefront.support.StompSubscriber;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, area by area: anonymous visitors, a shopper (a storefront visitor), the API
 * user, the administrator and the metrics user (HTTP Basic), and the administrator's console
 * session, against the REST API, the storefront, the console's pages and actions, the meters, and
 * the three STOMP endpoints; and what a client gets who asks too much of them: guesses of the API's
 * password, and floods of STOMP connections and subscriptions.
 */
class SecurityMatrixIntegrationTest extends IntegrationTest {

	/** A browser or a script: cookies kept, redirects not followed, optionally the API user's credentials. */
	private final class Visitor {

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String basic;

		private final String address;

		Visitor(String basic) {
			this(basic, null);
		}

		/** From {@code address}, as a proxy in front would say ({@code X-Forwarded-For}). */
		Visitor(String basic, String address) {
			this.basic = basic;
			this.address = address;
		}

		HttpResponse<String> get(String path) throws Exception {
			return http.send(request(path).header("Accept", "text/html, application/json;q=0.9, */*;q=0.8").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String form) throws Exception {
			return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			if (address != null) {
				request.header("X-Forwarded-For", address);
			}
			return (basic != null) ? request.header("Authorization", basic) : request;
		}

	}

	private static final String API_BASIC = basic(API_USER, API_PASSWORD);

	@Value("${statefront.data-dir}")
	private Path dataDir;

	@Autowired
	private SimpUserRegistry stompUsers;

	@Autowired
	private ObjectProvider<SecurityFilterChain> securityChains;

	@Autowired
	private ServletContext servletContext;

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void eachAreaAnswersOnlyThoseItIsFor() throws Exception {
		Visitor anonymous = new Visitor(null);
		Visitor shopper = new Visitor(null);
		assertThat(shopper.get("/shop/cart").statusCode()).isEqualTo(200);
		Visitor apiUser = new Visitor(API_BASIC);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);

		// the REST API: the API user only, never by a cookie, and it hands out none
		for (Visitor refused : new Visitor[] { anonymous, shopper }) {
			HttpResponse<String> answer = refused.get("/users/find/0");
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(admin.get("/users/find/0").statusCode()).isEqualTo(401);
		HttpResponse<String> api = apiUser.get("/users/find/0");
		assertThat(api.statusCode()).isIn(200, 404);
		assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
		assertSecurityHeaders(api);
		assertSecurityHeaders(anonymous.get("/users/find/0"));
		assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(admin.get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(apiUser.get("/actuator/prometheus").statusCode()).isEqualTo(200);

		// the storefront: open to all, its forms need their page's token
		for (Visitor anyone : new Visitor[] { anonymous, shopper, apiUser }) {
			HttpResponse<String> cart = anyone.get("/shop/cart");
			assertThat(cart.statusCode()).isEqualTo(200);
			assertThat(cart.headers().firstValue("Content-Security-Policy")).isPresent();
			assertSecurityHeaders(cart);
			assertThat(anyone.post("/shop/cart/items", "productId=1&quantity=1").statusCode()).isEqualTo(403);
		}

		// the console: the administrator only; no one else's credentials or session open it
		for (Visitor refused : new Visitor[] { anonymous, shopper, apiUser }) {
			HttpResponse<String> page = refused.get("/console");
			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(page.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console/login"));
			assertThat(refused.post("/console/simulator", "running=true&eventsPerSecond=100").statusCode()).isEqualTo(403);
			assertThat(refused.get("/console/analytics/history/page_views_per_second").statusCode()).isEqualTo(302);
		}
		HttpResponse<String> console = admin.get("/console");
		assertThat(console.statusCode()).isEqualTo(200);
		assertSecurityHeaders(console);
		assertThat(console.headers().firstValue("Content-Security-Policy")).isPresent();
		admin.get("/console/simulator");
		assertThat(admin.post("/console/simulator", Map.of("eventsPerSecond", "0")).statusCode()).isEqualTo(200);
		HttpResponse<String> withoutToken = admin.htmx("/console/analytics/history/page_views_per_second?minutes=5");
		assertThat(withoutToken.statusCode()).isIn(200, 503);
	}

	/**
	 * The second, asynchronous dispatch that writes an API answer passes no filter of the API's chain
	 * again (its first dispatch was checked); the storefront's pages keep their chain, CSRF token
	 * included, for theirs. Picked as Spring Security picks: the first chain, in order, that matches.
	 */
	@Test
	void anApiAnswerIsCheckedOnceAndAPageOnEachDispatch() {
		assertThat(filtersFor("/orders/checkout/7", DispatcherType.REQUEST))
			.anyMatch(BasicAuthenticationFilter.class::isInstance)
			.anyMatch(AuthorizationFilter.class::isInstance);
		assertThat(filtersFor("/orders/checkout/7", DispatcherType.ASYNC)).isEmpty();
		assertThat(filtersFor("/users/find/7", DispatcherType.ERROR)).anyMatch(AuthorizationFilter.class::isInstance);
		assertThat(filtersFor("/shop/cart", DispatcherType.ASYNC)).anyMatch(CsrfFilter.class::isInstance);
		assertThat(filtersFor("/console/analytics", DispatcherType.ASYNC)).anyMatch(CsrfFilter.class::isInstance);
	}

	private List<Filter> filtersFor(String path, DispatcherType dispatch) {
		MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "POST", path);
		request.setDispatcherType(dispatch);
		return securityChains.orderedStream()
			.filter(chain -> chain.matches(request))
			.findFirst()
			.orElseThrow()
			.getFilters();
	}

	/** What every answer carries, whichever chain gave it: no sniffing, no framing, no caching of private pages. */
	private static void assertSecurityHeaders(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValueSatisfying(
				frame -> assertThat(frame).isIn("DENY", "SAMEORIGIN"));
		assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(
				cache -> assertThat(cache).contains("no-store"));
	}

	@Test
	void eachStompEndpointServesOnlyItsOwnListeners() throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		try {
			// the API endpoint: the API user's Basic credentials, nothing else
			assertThatThrownBy(() -> connect(client, "/ws", new WebSocketHttpHeaders(), new StompHeaders()))
				.isInstanceOf(ExecutionException.class);
			try (StompSubscriber metrics = StompSubscriber.subscribe(port, API_USER, API_PASSWORD, "/topic/metrics")) {
				assertThat(metrics).isNotNull();
			}

			// the console's: the administrator's session with its page's token; the API user's credentials do not open it
			ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
			admin.get("/console/analytics");
			WebSocketHttpHeaders adminSession = new WebSocketHttpHeaders();
			adminSession.add("Cookie", "JSESSIONID=" + admin.sessionId());
			StompHeaders token = new StompHeaders();
			token.add("X-CSRF-TOKEN", admin.csrfToken());
			StompSession console = connect(client, "/console/ws", adminSession, token);
			assertThat(console.isConnected()).isTrue();
			console.disconnect();
			WebSocketHttpHeaders apiCredentials = new WebSocketHttpHeaders();
			apiCredentials.add("Authorization", API_BASIC);
			assertThatThrownBy(() -> connect(client, "/console/ws", apiCredentials, token))
				.isInstanceOf(ExecutionException.class);
			assertThatThrownBy(() -> connect(client, "/console/ws", new WebSocketHttpHeaders(), token))
				.isInstanceOf(ExecutionException.class);
		}
		finally {
			client.stop();
		}
	}

	@Test
	void theBatchInitsAreTheAdministratorsAndTheMetricsUserReadsTheMetricsOnly() throws Exception {
		Path metricsPassword = dataDir.resolve("secrets").resolve("metrics-password");
		assertThat(Files.getPosixFilePermissions(metricsPassword)).as("generated, for its owner's eyes only")
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(dataDir.resolve("secrets").resolve("api-password")).as("set, so not generated").doesNotExist();
		Visitor apiUser = new Visitor(API_BASIC);
		Visitor administrator = new Visitor(basic(ADMIN, ADMIN_PASSWORD));
		Visitor metrics = new Visitor(basic("metrics", Files.readString(metricsPassword).strip()));
		String userZero = apiUser.get("/users/find/0").body();

		for (String batchInit : List.of("/payment/batch_init/1/987654", "/stock/batch_init/1/987654/3",
				"/orders/batch_init/1/1/1/987654")) {
			HttpResponse<String> refused = apiUser.post(batchInit, "");
			assertThat(refused.statusCode()).as(batchInit).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(metrics.post(batchInit, "").statusCode()).as(batchInit).isEqualTo(403);
		}
		assertThat(apiUser.get("/users/find/0").body()).as("nothing was set").isEqualTo(userZero);
		assertThat(administrator.post("/payment/batch_init/0/7", "").statusCode())
			.as("the administrator's, checked like any other request").isEqualTo(400);
		assertThat(administrator.get("/users/find/0").statusCode()).isIn(200, 404);
		assertThat(administrator.get("/actuator/prometheus").statusCode()).isEqualTo(200);

		assertThat(metrics.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(metrics.get("/users/find/0").statusCode()).isEqualTo(403);
		assertThat(metrics.post("/users/create", "").statusCode()).isEqualTo(403);
		assertThat(metrics.get("/console").statusCode()).as("the console is not the API's").isEqualTo(302);
	}

	@Test
	void guessingTheApiPasswordFromOneAddressStopsAtTheLimitAndLocksNoOneElseOut() throws Exception {
		String guesser = "203.0.113.7";
		List<Integer> answers = new ArrayList<>();
		for (int guess = 0; guess < 50; guess++) {
			answers.add(new Visitor(basic(API_USER, "guess-" + guess), guesser).get("/users/find/0").statusCode());
		}

		// statefront.limits.failed-sign-ins-per-address, at its default
		assertThat(answers.subList(0, 10)).containsOnly(401);
		assertThat(answers.subList(10, 50)).containsOnly(429);
		HttpResponse<String> rightAtLast = new Visitor(API_BASIC, guesser).get("/users/find/0");
		assertThat(rightAtLast.statusCode()).as("not even checked").isEqualTo(429);
		assertThat(rightAtLast.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
		assertThat(rightAtLast.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(new Visitor(API_BASIC, "203.0.113.8").get("/users/find/0").statusCode())
			.as("the same user from elsewhere").isIn(200, 404);
	}

	@Test
	void aStompSubscriptionFloodEndsAtTheCapAndCostsTheFlooderTheConnection() throws Exception {
		String destination = "/topic/flood-" + UUID.randomUUID();
		BlockingQueue<String> errors = new LinkedBlockingQueue<>();
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		try {
			WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
			handshake.add("Authorization", API_BASIC);
			StompSession session = connect(client, "/ws", handshake, new StompHeaders(), errors);
			// statefront.limits.stomp-subscriptions-per-session, at its default
			for (int i = 0; i < 10; i++) {
				session.subscribe(destination, new StompSessionHandlerAdapter() {
				});
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionsTo(destination) == 10);
			assertThat(errors).as("ten are allowed").isEmpty();

			try {
				for (int i = 0; i < 1000; i++) {
					session.subscribe(destination, new StompSessionHandlerAdapter() {
					});
				}
			}
			catch (RuntimeException closed) {
				// the server ended the connection with its ERROR frame while the flood was being sent
			}

			String error = errors.poll(10, TimeUnit.SECONDS);
			assertThat(error).as("an ERROR frame").contains("No more than 10 subscriptions on one connection");
			await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected());
			await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionsTo(destination) == 0);
		}
		finally {
			client.stop();
		}
	}

	private int subscriptionsTo(String destination) {
		return stompUsers.findSubscriptions(subscription -> destination.equals(subscription.getDestination())).size();
	}

	@Test
	void aStompConnectionFloodFromOneAddressKeepsTheCapPerAddress() throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		try {
			List<StompSession> flood = new ArrayList<>();
			// statefront.limits.stomp-connections-per-address in the shared test context
			for (int i = 0; i < 20; i++) {
				flood.add(connect(client, "/ws", fromAddress("203.0.113.20"), new StompHeaders()));
			}
			assertThatThrownBy(() -> connect(client, "/ws", fromAddress("203.0.113.20"), new StompHeaders()))
				.as("one more from that address")
				.isInstanceOfAny(ExecutionException.class, TimeoutException.class);
			assertThat(connect(client, "/ws", fromAddress("203.0.113.21"), new StompHeaders()).isConnected())
				.as("another address").isTrue();

			flood.remove(0).disconnect();
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				flood.add(connect(client, "/ws", fromAddress("203.0.113.20"), new StompHeaders()));
				return true;
			});
			flood.forEach(StompSession::disconnect);
		}
		finally {
			client.stop();
		}
	}

	private static WebSocketHttpHeaders fromAddress(String address) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization", API_BASIC);
		handshake.add("X-Forwarded-For", address);
		return handshake;
	}

	private StompSession connect(WebSocketStompClient client, String endpoint, WebSocketHttpHeaders handshake,
			StompHeaders connect) throws Exception {
		return connect(client, endpoint, handshake, connect, new LinkedBlockingQueue<>());
	}

	/** Connects, putting the message of every ERROR frame the server sends into {@code errors}. */
	private StompSession connect(WebSocketStompClient client, String endpoint, WebSocketHttpHeaders handshake,
			StompHeaders connect, BlockingQueue<String> errors) throws Exception {
		handshake.add("Origin", "http://localhost:" + port);
		return client
			.connectAsync(URI.create("ws://localhost:" + port + endpoint), handshake, connect, new StompSessionHandlerAdapter() {

				@Override
				public Type getPayloadType(StompHeaders headers) {
					return byte[].class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					errors.add(String.valueOf(headers.getFirst("message")));
				}

			})
			.get(10, TimeUnit.SECONDS);
	}

}
