package io.statefront.platform.websocket;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.statefront.platform.limits.ClientAddress;
import io.statefront.platform.limits.LimitsProperties;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Caps on what STOMP clients hold, on every endpoint: connections open at once (all of them, and
 * those from one client address), and subscriptions each connection holds. A connection past a
 * cap is closed as soon as it opens ({@code 1013 try again later}) and never reaches STOMP; a
 * subscription past it gets an ERROR frame. These are counts of what is open, not rates: the
 * count per address holds only addresses with a connection open, so it is bounded by the cap on
 * all connections.
 */
final class StompCaps implements WebSocketHandlerDecoratorFactory, ChannelInterceptor {

	private static final String SUBSCRIPTIONS = StompCaps.class.getName() + ".subscriptions";

	private final int connections;

	private final int perAddress;

	private final int subscriptions;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<String, Integer> openByAddress = new ConcurrentHashMap<>();

	/** The address of each connection let in, by session id. */
	private final Map<String, String> admitted = new ConcurrentHashMap<>();

	StompCaps(LimitsProperties limits) {
		this.connections = limits.stompConnections();
		this.perAddress = limits.stompConnectionsPerAddress();
		this.subscriptions = limits.stompSubscriptionsPerSession();
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				if (!admit(session.getId(), address(session))) {
					session.close(CloseStatus.SERVICE_OVERLOAD.withReason("Too many connections"));
					return;
				}
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
				if (release(session.getId())) {
					super.afterConnectionClosed(session, status);
				}
			}

		};
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
		Map<String, Object> session = stomp.getSessionAttributes();
		if (session == null) {
			return message;
		}
		AtomicInteger held = (AtomicInteger) session.computeIfAbsent(SUBSCRIPTIONS, name -> new AtomicInteger());
		if (stomp.getCommand() == StompCommand.SUBSCRIBE && held.incrementAndGet() > subscriptions) {
			held.decrementAndGet();
			throw new MessageDeliveryException(message,
					"No more than " + subscriptions + " subscriptions on one connection");
		}
		if (stomp.getCommand() == StompCommand.UNSUBSCRIBE) {
			held.updateAndGet(count -> Math.max(0, count - 1));
		}
		return message;
	}

	/** Connections open now, every endpoint together. */
	int open() {
		return open.get();
	}

	private boolean admit(String sessionId, String address) {
		if (open.incrementAndGet() > connections) {
			open.decrementAndGet();
			return false;
		}
		boolean[] room = { true };
		openByAddress.compute(address, (key, count) -> {
			int now = (count == null) ? 0 : count;
			if (now >= perAddress) {
				room[0] = false;
				return count;
			}
			return now + 1;
		});
		if (!room[0]) {
			open.decrementAndGet();
			return false;
		}
		admitted.put(sessionId, address);
		return true;
	}

	private boolean release(String sessionId) {
		String address = admitted.remove(sessionId);
		if (address == null) {
			return false;
		}
		openByAddress.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
		open.decrementAndGet();
		return true;
	}

	/** The address the handshake came from, as the container resolved it (the proxy's header, if told to). */
	private static String address(WebSocketSession session) {
		InetSocketAddress remote = session.getRemoteAddress();
		if (remote == null) {
			return "";
		}
		return ClientAddress.of((remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: remote.getHostString());
	}

}
