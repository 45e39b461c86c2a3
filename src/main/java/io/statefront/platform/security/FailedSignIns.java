package io.statefront.platform.security;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.statefront.platform.limits.ClientAddress;
import io.statefront.platform.limits.KeyedBuckets;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses HTTP Basic credentials, right or wrong, from an address that sent {@code failures} wrong
 * ones within {@code period}, until that period has passed: a password is not guessed at the
 * API's request rate. The address is the request's resolved one ({@link ClientAddress}), so
 * guesses from one address do not lock out the same user elsewhere. Only failures are counted: a
 * client sending a thousand right requests a second is never near the limit. Requests checked
 * at the same moment may each fail once past it, no more than the server's threads.
 */
final class FailedSignIns implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final KeyedBuckets byAddress;

	FailedSignIns(AuthenticationProvider delegate, int failures, Duration period, long maxAddresses) {
		this.delegate = delegate;
		this.byAddress = new KeyedBuckets(
				Bandwidth.builder().capacity(failures).refillIntervally(failures, period).build(), maxAddresses);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? ClientAddress.of(details.getRemoteAddress()) : "";
		Bucket failed = byAddress.bucket(address);
		EstimationProbe room = failed.estimateAbilityToConsume(1);
		if (!room.canBeConsumed()) {
			throw new TooManyFailedSignInsException(KeyedBuckets.seconds(room.getNanosToWaitForRefill()));
		}
		try {
			return delegate.authenticate(authentication);
		}
		catch (AuthenticationException wrong) {
			failed.tryConsume(1);
			throw wrong;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
