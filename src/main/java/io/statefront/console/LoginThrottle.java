package io.statefront.console;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.statefront.platform.limits.ClientAddress;
import io.statefront.platform.limits.KeyedBuckets;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses sign-ins for a user name from an address that has failed too often: {@code attempts}
 * wrong passwords within {@code lockout}, and every attempt is refused (right password or not)
 * until that lockout has passed. A success forgets the failures. Keyed by address and name
 * together, so that someone guessing elsewhere cannot lock the administrator out.
 *
 * <p>Bounded whatever is sent: the names a client may type are endless, so every name that is not
 * the administrator's counts as one ("someone else"), and the addresses are kept in a bounded
 * cache ({@link KeyedBuckets}, {@code statefront.limits.tracked-keys}). An attempt is counted
 * before its password is checked, so attempts sent at once are counted too.
 */
final class LoginThrottle implements AuthenticationProvider {

	private static final String SOMEONE_ELSE = "";

	private final AuthenticationProvider delegate;

	private final String administrator;

	private final int attempts;

	private final KeyedBuckets failures;

	LoginThrottle(AuthenticationProvider delegate, String administrator, int attempts, Duration lockout,
			long maxKeys, TimeMeter time) {
		this.delegate = delegate;
		this.administrator = administrator.toLowerCase(Locale.ROOT);
		this.attempts = attempts;
		this.failures = new KeyedBuckets(
				Bandwidth.builder().capacity(attempts).refillIntervally(attempts, lockout).build(), maxKeys, time);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Bucket bucket = failures.bucket(key(authentication));
		ConsumptionProbe attempt = bucket.tryConsumeAndReturnRemaining(1);
		if (!attempt.isConsumed()) {
			long minutes = Math.max(1, (attempt.getNanosToWaitForRefill() + 59_999_999_999L) / 60_000_000_000L);
			throw new LockedException("Too many failed sign-ins; try again in " + minutes + " minutes");
		}
		Authentication authenticated = delegate.authenticate(authentication);
		bucket.addTokens(attempts);
		return authenticated;
	}

	/** How many address and name pairs are remembered now. */
	long tracked() {
		return failures.size();
	}

	private String key(Authentication authentication) {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? ClientAddress.of(details.getRemoteAddress()) : "";
		// user names are not case-sensitive: "Admin" must not be a fresh name to guess with
		String name = authentication.getName().toLowerCase(Locale.ROOT);
		return address + "\n" + (name.equals(administrator) ? name : SOMEONE_ELSE);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
