package io.statefront.platform.tracing;

import java.io.IOException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every response the {@code traceresponse} header of W3C Trace Context Level 2
 * ({@code 00-<trace id>-<span id>-<flags>}): the trace and the server span of the request, so a
 * caller can quote it. Set as the request comes in, right inside the filter that opens the server
 * span and ahead of security, so a refusal (401, 403, 429, any 4xx), a 503 or 504 and a read carry
 * it as a success does. No header when tracing is off.
 */
final class TraceResponseFilter extends OncePerRequestFilter {

	static final String HEADER = "traceresponse";

	private final Tracer tracer;

	TraceResponseFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Span span = tracer.currentSpan();
		if (span != null && !span.isNoop()) {
			response.setHeader(HEADER, traceresponse(span.context()));
		}
		chain.doFilter(request, response);
	}

	static String traceresponse(TraceContext context) {
		return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
	}

}
