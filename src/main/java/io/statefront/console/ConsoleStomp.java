package io.statefront.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The console's STOMP endpoint, {@value #ENDPOINT}: behind the console's filter chain (the
 * handshake needs the administrator's session), same origin only (Spring's default), and the
 * CONNECT frame must carry the page's CSRF token, as Spring Security's messaging support asks
 * (its 7.1 artifact is not on the Maven Central reachable here, so the check is done here, the same
 * way: the page's token is the session's, masked by a random XOR pad).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleStomp implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/console/ws";

	static final String CSRF_HEADER = "X-CSRF-TOKEN";

	private static final String SESSION_TOKEN = ConsoleStomp.class.getName() + ".csrf";

	// where the console's filter chain keeps its CSRF tokens (Spring Security's default)
	private static final HttpSessionCsrfTokenRepository SESSION_TOKENS = new HttpSessionCsrfTokenRepository();

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT).addInterceptors(new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Map<String, Object> attributes) {
				// the session's own token: the request attribute holds a freshly masked copy
				CsrfToken token = SESSION_TOKENS.loadToken(((ServletServerHttpRequest) request).getServletRequest());
				if (token == null) {
					return false;
				}
				attributes.put(SESSION_TOKEN, token.getToken());
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
					@Nullable Exception exception) {
			}

		});
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
				Map<String, Object> session = stomp.getSessionAttributes();
				if (stomp.getCommand() == StompCommand.CONNECT && session != null && session.containsKey(SESSION_TOKEN)
						&& !matches(stomp.getFirstNativeHeader(CSRF_HEADER), (String) session.get(SESSION_TOKEN))) {
					throw new MessageDeliveryException(message, "Invalid or missing CSRF token on CONNECT");
				}
				return message;
			}

		});
	}

	/** Whether {@code masked} is {@code token} XOR-masked as Spring Security renders it into pages. */
	static boolean matches(@Nullable String masked, String token) {
		if (masked == null) {
			return false;
		}
		byte[] actual;
		try {
			actual = Base64.getUrlDecoder().decode(masked);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		byte[] expected = token.getBytes(StandardCharsets.UTF_8);
		if (actual.length != expected.length * 2) {
			return false;
		}
		byte[] unmasked = new byte[expected.length];
		for (int i = 0; i < expected.length; i++) {
			unmasked[i] = (byte) (actual[i] ^ actual[i + expected.length]);
		}
		return MessageDigest.isEqual(unmasked, expected);
	}

}
