package io.statefront.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A refusal the security chain writes itself, before Spring MVC: an RFC 9457 problem like every other. */
final class ProblemAnswers {

	private ProblemAnswers() {
	}

	static void write(HttpServletResponse response, HttpStatus status, String detail, long retryAfterSeconds)
			throws IOException {
		if (retryAfterSeconds > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// as Spring writes a ProblemDetail: no type when it is about:blank
		response.getWriter()
			.write("{\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\""
					+ detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
	}

}
