package io.statefront.storefront;

import java.security.Principal;
import java.util.Map;

import io.statefront.platform.websocket.CsrfOnConnect;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The storefront's STOMP endpoint, {@value #ENDPOINT}: a shopper's browser connects as that
 * shopper (by their cookies, with their page's CSRF token on CONNECT), so
 * {@code /user/queue/recommendations} is theirs alone; and a shopper may subscribe to that queue
 * only, none of the application's topics.
 */
@Configuration(proxyBeanMethods = false)
class ShopperStomp implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/shop/ws";

	static final String QUEUE = "/user/queue/recommendations";

	/** A storefront visitor on the STOMP endpoint, named by their shopper id. */
	record Shopper(String getName) implements Principal {
	}

	private final CookieCsrfTokenRepository csrfTokens;

	ShopperStomp(CookieCsrfTokenRepository storefrontCsrfTokens) {
		this.csrfTokens = storefrontCsrfTokens;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT).addInterceptors(CsrfOnConnect.handshake(csrfTokens)).setHandshakeHandler(shoppers());
	}

	private static DefaultHandshakeHandler shoppers() {
		return new DefaultHandshakeHandler() {

			@Override
			protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler,
					Map<String, Object> attributes) {
				return new Shopper(Shoppers.id(((ServletServerHttpRequest) request).getServletRequest()));
			}

		};
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
				if (stomp.getCommand() == StompCommand.SUBSCRIBE && stomp.getUser() instanceof Shopper
						&& !QUEUE.equals(stomp.getDestination())) {
					throw new MessageDeliveryException(message, "Shoppers may subscribe to " + QUEUE + " only");
				}
				return message;
			}

		});
	}

}
