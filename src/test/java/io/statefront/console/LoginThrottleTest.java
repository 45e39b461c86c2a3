package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(administrator(), 3, Duration.ofMinutes(5), clock);

	@Test
	void refusesEvenTheRightPasswordAfterTooManyWrongOnesUntilTheLockoutHasPassed() {
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "secret"))).isInstanceOf(LockedException.class)
			.hasMessageContaining("5 minutes");

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(throttle.authenticate(attempt("10.0.0.1", "secret")).isAuthenticated()).isTrue();
	}

	@Test
	void guessesFromOneAddressDoNotLockTheAdministratorOutElsewhere() {
		for (String guess : new String[] { "guess", "password", "123456" }) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.66", guess)))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThat(throttle.authenticate(attempt("10.0.0.1", "secret")).isAuthenticated()).isTrue();
	}

	@Test
	void aSuccessForgetsEarlierFailures() {
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		throttle.authenticate(attempt("10.0.0.1", "secret"));
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThat(throttle.authenticate(attempt("10.0.0.1", "secret")).isAuthenticated()).isTrue();
	}

	@Test
	void theSameNameInOtherCapitalsIsTheSameNameToGuess() {
		for (String name : new String[] { "Admin", "ADMIN", "aDmIn" }) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", name, "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "admin", "secret")))
			.isInstanceOf(LockedException.class);
	}

	private static Authentication attempt(String address, String password) {
		return attempt(address, "admin", password);
	}

	private static Authentication attempt(String address, String name, String password) {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		token.setDetails(new WebAuthenticationDetails(request));
		return token;
	}

	private static DaoAuthenticationProvider administrator() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode("secret")).roles("ADMIN").build()));
		provider.setPasswordEncoder(encoder);
		return provider;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-22T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
