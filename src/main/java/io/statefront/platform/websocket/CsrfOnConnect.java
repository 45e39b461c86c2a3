package io.statefront.platform.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * CSRF protection for STOMP endpoints that browsers open with their cookies (the storefront's and
 * the console's): the handshake needs the CSRF token the chain in front of the endpoint keeps (in
 * the session, or in a cookie), and the CONNECT frame must carry the page's copy in {@value #HEADER},
 * as Spring Security's messaging support asks. Its 7.1 artifact is not on the Maven Central
 * reachable here, so the check is done here, the same way: a page's token is the kept one, masked
 * by a random XOR pad.
 */
public final class CsrfOnConnect {

	public static final String HEADER = "X-CSRF-TOKEN";

	private static final String SESSION_TOKEN = CsrfOnConnect.class.getName() + ".token";

	private CsrfOnConnect() {
	}

	/**
	 * For the endpoint's registration: refuses a handshake without a kept token, keeps the token
	 * for CONNECT.
	 * @param tokens where the filter chain in front of the endpoint keeps its CSRF tokens
	 */
	public static HandshakeInterceptor handshake(CsrfTokenRepository tokens) {
		return new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
					Map<String, Object> attributes) {
				// the kept token itself: the request attribute holds a freshly masked copy
				CsrfToken token = tokens.loadToken(((ServletServerHttpRequest) request).getServletRequest());
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

		};
	}

	/** Checks CONNECT frames of the sessions {@link #handshake()} let in; other endpoints' sessions pass. */
	static ChannelInterceptor connectFrames() {
		return new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
				Map<String, Object> session = stomp.getSessionAttributes();
				if (stomp.getCommand() == StompCommand.CONNECT && session != null && session.containsKey(SESSION_TOKEN)
						&& !matches(stomp.getFirstNativeHeader(HEADER), (String) session.get(SESSION_TOKEN))) {
					throw new MessageDeliveryException(message, "Invalid or missing CSRF token on CONNECT");
				}
				return message;
			}

		};
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
