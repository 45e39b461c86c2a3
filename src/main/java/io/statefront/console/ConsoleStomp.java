package io.statefront.console;

import io.statefront.platform.websocket.CsrfOnConnect;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The console's STOMP endpoint, {@value #ENDPOINT}: behind the console's filter chain (the
 * handshake needs the administrator's session), same origin only (Spring's default), and the page's
 * CSRF token on CONNECT ({@link CsrfOnConnect}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleStomp implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/console/ws";

	static final String CSRF_HEADER = CsrfOnConnect.HEADER;

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT).addInterceptors(CsrfOnConnect.handshake(ConsoleSecurity.csrfTokens()));
	}

}
