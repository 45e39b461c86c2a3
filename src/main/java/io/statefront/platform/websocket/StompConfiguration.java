package io.statefront.platform.websocket;

import io.statefront.platform.limits.LimitsProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over WebSocket at {@value #ENDPOINT}: what Flink emits is pushed to subscribers of
 * {@code /topic/...} (everyone's streams) and {@code /user/queue/...} (one user's) as it arrives.
 * Only pages of this origin may open it, and clients only listen: see {@link ListenOnlyClients}.
 * Endpoints that browsers open with their session check CSRF tokens on CONNECT: see {@link CsrfOnConnect}.
 * Connections and subscriptions are capped on every endpoint: see {@link StompCaps}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/ws";

	static final int DESTINATION_CACHE = 65_536;

	private final StompCaps caps;

	StompConfiguration(LimitsProperties limits) {
		this.caps = new StompCaps(limits);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue");
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		// each shopper's queue is a destination of its own; past the default 1,024 cached
		// destinations, every message to one of them scanned every session's subscriptions
		registry.setCacheLimit(DESTINATION_CACHE);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(caps);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ListenOnlyClients(), CsrfOnConnect.connectFrames(), caps);
	}

}
