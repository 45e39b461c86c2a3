package io.statefront.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A STOMP client over WebSocket that keeps what one destination pushes, as JSON, for a test to wait on. */
public final class StompSubscriber implements AutoCloseable {

	private final WebSocketStompClient client;

	private final StompSession session;

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private StompSubscriber(WebSocketStompClient client, StompSession session) {
		this.client = client;
		this.session = session;
	}

	/** Connects to {@code ws://localhost:port/ws} as {@code user} (HTTP Basic on the handshake) and subscribes. */
	public static StompSubscriber subscribe(int port, String user, String password, String destination)
			throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		StompSession session = client
			.connectAsync("ws://localhost:" + port + "/ws", handshake, new StompSessionHandlerAdapter() {
			})
			.get(10, TimeUnit.SECONDS);
		StompSubscriber subscriber = new StompSubscriber(client, session);
		// the simple broker sends no receipts: a test subscribes before it causes what it waits for
		session.subscribe(destination, subscriber.new Collector());
		return subscriber;
	}

	/** Waits up to {@code within} for a message {@code wanted} accepts, keeping the others seen on the way. */
	public JsonNode await(Predicate<JsonNode> wanted, Duration within, List<JsonNode> seen) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			JsonNode message = received.poll(left, TimeUnit.NANOSECONDS);
			if (message == null) {
				break;
			}
			seen.add(message);
			if (wanted.test(message)) {
				return message;
			}
		}
		throw new AssertionError("No wanted STOMP message within " + within + "; got " + seen.size());
	}

	public JsonNode await(Predicate<JsonNode> wanted, Duration within) throws InterruptedException {
		return await(wanted, within, new ArrayList<>());
	}

	@Override
	public void close() {
		session.disconnect();
		client.stop();
	}

	private final class Collector implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return JsonNode.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			received.add((JsonNode) payload);
		}

	}

}
