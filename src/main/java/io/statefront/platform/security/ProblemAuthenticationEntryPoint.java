package io.statefront.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a REST call without valid credentials with a 401 problem body, like every other refusal;
 * one from an address that sent too many wrong ones with a 429 that says when to try again.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof TooManyFailedSignInsException throttled) {
			ProblemAnswers.write(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many wrong credentials came from this address; none are checked until Retry-After seconds "
							+ "have passed",
					throttled.retryAfterSeconds());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"statefront\"");
		ProblemAnswers.write(response, HttpStatus.UNAUTHORIZED, "This API needs HTTP Basic credentials of the API user",
				0);
	}

}
