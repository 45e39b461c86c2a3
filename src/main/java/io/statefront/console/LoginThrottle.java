package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses sign-ins for a user name from an address that has failed too often: after
 * {@code attempts} wrong passwords, every attempt is refused (right password or not) until
 * {@code lockout} has passed since the last failure. A success forgets the failures. Keyed by
 * address and name together, so that someone guessing elsewhere cannot lock the administrator out.
 */
final class LoginThrottle implements AuthenticationProvider {

	private record Failures(int count, Instant last) {
	}

	private static final int MAX_TRACKED = 10_000;

	private final AuthenticationProvider delegate;

	private final int attempts;

	private final Duration lockout;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(AuthenticationProvider delegate, int attempts, Duration lockout, Clock clock) {
		this.delegate = delegate;
		this.attempts = attempts;
		this.lockout = lockout;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String key = key(authentication);
		Failures seen = failures.get(key);
		Instant now = clock.instant();
		if (seen != null && seen.count() >= attempts && now.isBefore(seen.last().plus(lockout))) {
			throw new LockedException("Too many failed sign-ins; try again in " + lockout.toMinutes() + " minutes");
		}
		try {
			Authentication authenticated = delegate.authenticate(authentication);
			failures.remove(key);
			return authenticated;
		}
		catch (BadCredentialsException ex) {
			if (failures.size() >= MAX_TRACKED) {
				failures.entrySet().removeIf(entry -> now.isAfter(entry.getValue().last().plus(lockout)));
			}
			failures.merge(key, new Failures(1, now), (old, first) -> new Failures(
					now.isAfter(old.last().plus(lockout)) ? 1 : old.count() + 1, now));
			throw ex;
		}
	}

	private static String key(Authentication authentication) {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "";
		return address + "\n" + authentication.getName();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
