package io.statefront.console;

import java.time.Duration;
import java.util.List;

import io.statefront.platform.security.Credential;
import io.statefront.platform.security.Credentials;
import io.statefront.support.ManualTime;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

	private static final int TRACKED = 100;

	private final ManualTime clock = new ManualTime();

	private final LoginThrottle throttle = new LoginThrottle(
			new Credentials(List.of(Credential.of("admin", "secret", Credential.ADMIN))), "admin", 3,
			Duration.ofMinutes(5), TRACKED, clock);

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

	@Test
	void everyOtherNameIsOneNameToGuess() {
		for (String name : new String[] { "root", "guest", "administrator" }) {
			assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", name, "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "nobody-yet", "wrong")))
			.isInstanceOf(LockedException.class);
		assertThat(throttle.authenticate(attempt("10.0.0.1", "secret")).isAuthenticated())
			.as("the administrator's own name is counted apart")
			.isTrue();
	}

	@Test
	void remembersNoMoreAddressesThanItIsToldWhateverItIsSent() {
		for (int i = 0; i < 10 * TRACKED; i++) {
			String address = "10.1." + (i / 256) + "." + (i % 256);
			assertThatThrownBy(() -> throttle.authenticate(attempt(address, "name-" + address, "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}

		assertThat(throttle.tracked()).isLessThanOrEqualTo(TRACKED);
	}

	@Test
	void forgetsAnAddressOnceItsLockoutHasPassed() {
		assertThatThrownBy(() -> throttle.authenticate(attempt("10.0.0.1", "wrong")))
			.isInstanceOf(BadCredentialsException.class);
		assertThat(throttle.tracked()).isEqualTo(1);

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		assertThat(throttle.tracked()).isZero();
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

}
