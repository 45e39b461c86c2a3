package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses sign-ins for a user name from an address that has failed too often: after
 * {@code attempts} wrong passwords, every attempt is refused (right password or not) until
 * {@code lockout} has passed since the last one. A success forgets the failures. Keyed by
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
		Instant now = clock.instant();
		// counted before the password is checked, so that attempts sent at once are counted too
		Failures counted = failures.compute(key, (name, seen) -> (seen == null || expired(seen, now))
				? new Failures(1, now) : new Failures(seen.count() + 1, now));
		if (counted.count() > attempts) {
			throw new LockedException("Too many failed sign-ins; try again in " + lockout.toMinutes() + " minutes");
		}
		if (failures.size() > MAX_TRACKED) {
			failures.entrySet().removeIf(entry -> expired(entry.getValue(), now));
		}
		Authentication authenticated = delegate.authenticate(authentication);
		failures.remove(key);
		return authenticated;
	}

	private boolean expired(Failures failures, Instant now) {
		return now.isAfter(failures.last().plus(lockout));
	}

	private static String key(Authentication authentication) {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "";
		// user names are not case-sensitive: "Admin" must not be a fresh name to guess with
		return address + "\n" + authentication.getName().toLowerCase(Locale.ROOT);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
