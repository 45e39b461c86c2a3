package io.statefront.platform.security;

import java.io.IOException;
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

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code perSecond} REST API requests a second per credential (a second's worth at once),
 * and per address for requests without one; past that a 429 problem with {@code Retry-After}, and
 * nothing is done. In the API's filter chain, after the credentials are checked.
 */
final class ApiRequestLimit extends OncePerRequestFilter {

	private final KeyedBuckets byClient;

	ApiRequestLimit(int perSecond, long maxClients) {
		this(perSecond, maxClients, TimeMeter.SYSTEM_MILLISECONDS);
	}

	/** With a clock of the tests' own. */
	ApiRequestLimit(int perSecond, long maxClients, TimeMeter time) {
		this.byClient = new KeyedBuckets(
				Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build(),
				maxClients, time);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		String client = (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken))
				? "credential " + who.getName() : "address " + ClientAddress.of(request);
		ConsumptionProbe probe = byClient.bucket(client).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		ProblemAnswers.write(response, HttpStatus.TOO_MANY_REQUESTS,
				"More than the API takes a second from one client; nothing was done. Try again after Retry-After "
						+ "seconds.",
				KeyedBuckets.seconds(probe.getNanosToWaitForRefill()));
	}

}
