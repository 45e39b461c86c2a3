package io.statefront.platform.websocket;

import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.statefront.support.IntegrationTest;
import io.statefront.support.StompSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The STOMP endpoint: clients listen to what the application pushes, and nothing else. */
class StompEndpointIntegrationTest extends IntegrationTest {

	/** A refusal whose ERROR frame was dropped: see handleTransportError below. */
	private static final String CLOSED = "connection closed without an ERROR frame";

	/** The current session's refusals: each session its own, so an earlier one's closing is not taken for one. */
	private BlockingQueue<String> errors;

	private WebSocketStompClient client;

	private StompSession session;

	@BeforeEach
	void connectAsTheApiUser() throws Exception {
		connect("/ws", apiUser());
	}

	private static WebSocketHttpHeaders apiUser() {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization", "Basic " + Base64.getEncoder()
			.encodeToString((API_USER + ":" + API_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		return handshake;
	}

	private void connect(String endpoint, WebSocketHttpHeaders handshake) throws Exception {
		connect(endpoint, handshake, new StompHeaders());
	}

	private void connect(String endpoint, WebSocketHttpHeaders handshake, StompHeaders connect) throws Exception {
		BlockingQueue<String> refusals = new LinkedBlockingQueue<>();
		errors = refusals;
		client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new StringMessageConverter());
		session = client.connectAsync(URI.create("ws://localhost:" + port + endpoint), handshake, connect,
				new StompSessionHandlerAdapter() {

					@Override
					public Type getPayloadType(StompHeaders headers) {
						return String.class;
					}

					@Override
					public void handleFrame(StompHeaders headers, Object payload) {
						refusals.add(String.valueOf(headers.getFirst("message")));
					}

					// Spring closes a refused session right after queueing its ERROR frame; when the
					// session was still busy sending (say, its CONNECTED frame), the close wins and
					// the frame is dropped. The refusal still stands: the session is over.
					@Override
					public void handleTransportError(StompSession session, Throwable exception) {
						refusals.add(CLOSED);
					}

				}).get(10, TimeUnit.SECONDS);
	}

	/** The server's refusal within 10 s: its ERROR frame's message, or {@link #CLOSED}. */
	private String refusal() throws InterruptedException {
		return errors.poll(10, TimeUnit.SECONDS);
	}

	@AfterEach
	void disconnect() {
		try {
			session.disconnect();
		}
		catch (MessageDeliveryException | IllegalStateException alreadyClosed) {
			// the server closes a session after its ERROR frame, possibly while we say goodbye
		}
		client.stop();
	}

	@Test
	void aClientCannotPublishToTheApplicationsTopics() throws Exception {
		try (StompSubscriber dashboard = StompSubscriber.subscribe(port, API_USER, API_PASSWORD, "/topic/alerts")) {
			StompHeaders send = new StompHeaders();
			send.setDestination("/topic/alerts");
			session.send(send, "{\"type\":\"FAKE\",\"key\":\"site\"}");

			assertThat(refusal()).isIn("Clients cannot send to /topic/alerts", CLOSED);
			assertThatThrownBy(() -> dashboard.await(alert -> true, Duration.ofSeconds(1)))
				.isInstanceOf(AssertionError.class);
		}
	}

	@Test
	void aShopperOnTheStorefrontsEndpointMayListenToTheirOwnRecommendationsOnly() throws Exception {
		disconnect();
		connectAsShopper(true);

		session.subscribe("/topic/metrics", new StompSessionHandlerAdapter() {
		});

		assertThat(refusal()).isIn("Shoppers may subscribe to /user/queue/recommendations only", CLOSED);
	}

	@Test
	void aShoppersConnectNeedsTheirPagesCsrfTokenAndTheirCookies() throws Exception {
		disconnect();
		assertThatThrownBy(() -> connectAsShopper(false)).isInstanceOf(ExecutionException.class);
		assertThatThrownBy(() -> connect("/shop/ws", new WebSocketHttpHeaders())).isInstanceOf(ExecutionException.class);
		connect("/ws", apiUser());
	}

	/**
	 * As the storefront's page does: the cookies its page gave (a guest has no session: the CSRF
	 * token is one of them), and its CSRF token on CONNECT (or not).
	 */
	private void connectAsShopper(boolean withToken) throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/shop/cart")).build(),
					HttpResponse.BodyHandlers.ofString());
		String cookies = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(cookie -> cookie.substring(0, cookie.indexOf(';')))
			.collect(Collectors.joining("; "));
		Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
		assertThat(token.find()).isTrue();
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", cookies);
		StompHeaders connect = new StompHeaders();
		if (withToken) {
			connect.add(CsrfOnConnect.HEADER, token.group(1));
		}
		connect("/shop/ws", handshake, connect);
	}

	@Test
	void aClientCannotListenToTheQueuesBehindOtherUsersDestinations() throws Exception {
		session.subscribe("/queue/recommendations-user0", new StompSessionHandlerAdapter() {
		});

		assertThat(refusal()).isIn("No subscriptions to /queue/recommendations-user0", CLOSED);
	}

}
