package io.statefront.platform.security;

import java.time.Duration;
import java.util.List;

import io.statefront.support.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests a second per credential: a second's worth at once, then a 429 that says when, and nothing done. */
class ApiRequestLimitTest {

	private final ManualTime time = new ManualTime();

	private final ApiRequestLimit limit = new ApiRequestLimit(3, 100, time);

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aCredentialPastItsRateIsToldWhenToComeBackAndTheRequestGoesNoFurther() throws Exception {
		assertThat(List.of(send("api"), send("api"), send("api"))).extracting(MockHttpServletResponse::getStatus)
			.containsOnly(200);

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse refused = send("api", chain);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(chain.getRequest()).as("not passed on").isNull();

		assertThat(send("admin").getStatus()).as("another credential").isEqualTo(200);
		time.advance(Duration.ofMillis(334));
		assertThat(send("api").getStatus()).as("a third of a second later, one more").isEqualTo(200);
		assertThat(send("api").getStatus()).isEqualTo(429);
	}

	@Test
	void requestsWithoutCredentialsCountByAddress() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous("10.0.0.1").getStatus()).isEqualTo(200);
		}
		assertThat(anonymous("10.0.0.1").getStatus()).isEqualTo(429);
		assertThat(anonymous("10.0.0.2").getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse send(String user) throws Exception {
		return send(user, new MockFilterChain());
	}

	private MockHttpServletResponse send(String user, MockFilterChain chain) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
					List.of(new SimpleGrantedAuthority("ROLE_API"))));
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(new MockHttpServletRequest("GET", "/users/find/0"), response, chain);
		return response;
	}

	private MockHttpServletResponse anonymous(String address) throws Exception {
		SecurityContextHolder.clearContext();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/users/find/0");
		request.setRemoteAddr(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
