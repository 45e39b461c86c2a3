package io.statefront.platform.websocket;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import static org.assertj.core.api.Assertions.assertThat;

/** The CONNECT check reads tokens the way Spring Security writes them into pages. */
class CsrfOnConnectTest {

	private final CsrfToken sessionToken = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "5b3c1a7e-2f0d-4c8e-9a61-d2f4b8e07c13");

	@Test
	void acceptsEveryMaskingOfTheSessionsTokenAndNothingElse() {
		String first = pageToken(sessionToken);
		String second = pageToken(sessionToken);
		assertThat(first).isNotEqualTo(second);
		assertThat(CsrfOnConnect.matches(first, sessionToken.getToken())).isTrue();
		assertThat(CsrfOnConnect.matches(second, sessionToken.getToken())).isTrue();

		String otherSessions = pageToken(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "00000000-2f0d-4c8e-9a61-d2f4b8e07c13"));
		assertThat(CsrfOnConnect.matches(otherSessions, sessionToken.getToken())).isFalse();
		assertThat(CsrfOnConnect.matches(sessionToken.getToken(), sessionToken.getToken())).as("unmasked").isFalse();
		byte[] tampered = Base64.getUrlDecoder().decode(first);
		tampered[tampered.length - 1] ^= 1;
		assertThat(CsrfOnConnect.matches(Base64.getUrlEncoder().encodeToString(tampered), sessionToken.getToken())).isFalse();
		assertThat(CsrfOnConnect.matches(null, sessionToken.getToken())).isFalse();
		assertThat(CsrfOnConnect.matches("%%% not base64", sessionToken.getToken())).isFalse();
		assertThat(CsrfOnConnect.matches("", sessionToken.getToken())).isFalse();
	}

	/** The token a page renders: Spring Security's default request handler masks it afresh each time. */
	private static String pageToken(CsrfToken token) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		new XorCsrfTokenRequestAttributeHandler().handle(request, new MockHttpServletResponse(), () -> token);
		return ((CsrfToken) request.getAttribute(CsrfToken.class.getName())).getToken();
	}

}
