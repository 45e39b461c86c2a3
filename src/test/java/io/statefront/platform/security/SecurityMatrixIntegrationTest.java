package io.statefront.platform.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.statefront.console.ConsoleAdmin;
import io.statefront.support.IntegrationTest;
import io.statefront.support.StompSubscriber;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what, area by area: anonymous visitors, a shopper (a storefront session), the API
 * user (HTTP Basic) and the administrator (a console session), against the REST API, the
 * storefront, the console's pages and actions, the meters, and the three STOMP endpoints.
 */
class SecurityMatrixIntegrationTest extends IntegrationTest {

	/** A browser or a script: cookies kept, redirects not followed, optionally the API user's credentials. */
	private final class Visitor {

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String basic;

		Visitor(String basic) {
			this.basic = basic;
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
			return (basic != null) ? request.header("Authorization", basic) : request;
		}

	}

	private static final String API_BASIC = "Basic "
			+ Base64.getEncoder().encodeToString((API_USER + ":" + API_PASSWORD).getBytes(StandardCharsets.UTF_8));

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

	private StompSession connect(WebSocketStompClient client, String endpoint, WebSocketHttpHeaders handshake,
			StompHeaders connect) throws Exception {
		handshake.add("Origin", "http://localhost:" + port);
		return client
			.connectAsync(URI.create("ws://localhost:" + port + endpoint), handshake, connect, new StompSessionHandlerAdapter() {
			})
			.get(10, TimeUnit.SECONDS);
	}

}
