package io.statefront.storefront;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.statefront.platform.limits.ClientAddress;
import io.statefront.platform.limits.KeyedBuckets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code perSecond} storefront requests a second from one client address, with a burst of
 * {@value #BURST_SECONDS} seconds' worth at once; past that a short 429 page with
 * {@code Retry-After}. It sits early in the storefront's chain, so a refused request costs no
 * session, no remember-me lookup, no page and no website event: a crawler or a scripted flood from
 * one address cannot take the machine from the API and from other shoppers (a page view is a
 * render and an event the analytics and recommendation jobs both read). The static files have a
 * chain of their own and are not counted.
 */
final class StorefrontRequestLimit extends OncePerRequestFilter {

	static final int BURST_SECONDS = 5;

	private static final byte[] PAGE = """
			<!doctype html>
			<html lang="en"><head><meta charset="utf-8"><title>Too many requests · Statefront</title></head>
			<body><h1>Please slow down</h1>
			<p>So many pages were asked for from your address just now that we paused for a moment.
			Nothing was changed: your cart is as you left it. Try again in a few seconds.</p></body></html>
			""".getBytes(StandardCharsets.UTF_8);

	private final KeyedBuckets byAddress;

	StorefrontRequestLimit(int perSecond, long maxAddresses) {
		this(perSecond, maxAddresses, TimeMeter.SYSTEM_MILLISECONDS);
	}

	/** With a clock of the tests' own. */
	StorefrontRequestLimit(int perSecond, long maxAddresses, TimeMeter time) {
		this.byAddress = new KeyedBuckets(Bandwidth.builder()
			.capacity((long) perSecond * BURST_SECONDS)
			.refillGreedy(perSecond, Duration.ofSeconds(1))
			.build(), maxAddresses, time);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ConsumptionProbe probe = byAddress.bucket(ClientAddress.of(request)).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(KeyedBuckets.seconds(probe.getNanosToWaitForRefill())));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
		response.setContentLength(PAGE.length);
		response.getOutputStream().write(PAGE);
	}

}
