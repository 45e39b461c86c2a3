package io.statefront.platform.websocket;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Clients of the STOMP endpoint listen; only the application speaks. A client may subscribe to
 * {@code /topic/...} and to its own {@code /user/queue/...}, never to the raw queues behind other
 * users' destinations, and may send nothing: the simple broker would otherwise pass a client's
 * SEND to {@code /topic/alerts} on to every dashboard.
 */
class ListenOnlyClients implements ChannelInterceptor {

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
		StompCommand command = stomp.getCommand();
		if (command == StompCommand.SEND) {
			throw new MessageDeliveryException(message, "Clients cannot send to " + stomp.getDestination());
		}
		if (command == StompCommand.SUBSCRIBE && !mayListenTo(stomp.getDestination())) {
			throw new MessageDeliveryException(message, "No subscriptions to " + stomp.getDestination());
		}
		return message;
	}

	private static boolean mayListenTo(String destination) {
		return destination != null && !destination.contains("..")
				&& (destination.startsWith("/topic/") || destination.startsWith("/user/queue/"));
	}

}
