package io.statefront.console;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
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
 * The console's STOMP endpoint: only the administrator's session, from a page of this origin,
 * with the page's CSRF token on CONNECT, gets the live streams.
 */
class ConsoleStompIntegrationTest extends IntegrationTest {

	private final WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());

	@AfterEach
	void stop() {
		client.stop();
	}

	@Test
	void theAdministratorsPageConnectsWithItsCsrfToken() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/analytics");

		StompSession session = connect(admin.sessionId(), "http://localhost:" + port, admin.csrfToken()).get(10,
				TimeUnit.SECONDS);
		assertThat(session.isConnected()).isTrue();
		session.disconnect();
	}

	@Test
	void aConnectWithoutTheTokenOrWithAnotherIsRefused() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/analytics");

		assertThatThrownBy(() -> connect(admin.sessionId(), "http://localhost:" + port, null).get(10, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class);
		ConsoleAdmin other = ConsoleAdmin.signedIn(port);
		other.get("/console/analytics");
		assertThatThrownBy(
				() -> connect(admin.sessionId(), "http://localhost:" + port, other.csrfToken()).get(10, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class);
	}

	@Test
	void aPageOfAnotherOriginOrNoSessionCannotOpenIt() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/analytics");

		assertThatThrownBy(() -> connect(admin.sessionId(), "https://evil.example", admin.csrfToken()).get(10,
				TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class);
		assertThatThrownBy(() -> connect("no-such-session", "http://localhost:" + port, admin.csrfToken()).get(10,
				TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class);
	}

	private CompletableFuture<StompSession> connect(String sessionId, String origin, String csrfToken) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", "JSESSIONID=" + sessionId);
		handshake.add("Origin", origin);
		StompHeaders connect = new StompHeaders();
		if (csrfToken != null) {
			connect.add(ConsoleStomp.CSRF_HEADER, csrfToken);
		}
		return client.connectAsync(URI.create("ws://localhost:" + port + ConsoleStomp.ENDPOINT), handshake, connect,
				new StompSessionHandlerAdapter() {
				});
	}

}
