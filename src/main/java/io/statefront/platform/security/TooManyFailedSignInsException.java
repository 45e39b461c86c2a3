package io.statefront.platform.security;

import org.springframework.security.core.AuthenticationException;

/** Credentials not even checked: their address has sent too many wrong ones lately. */
class TooManyFailedSignInsException extends AuthenticationException {

	private final long retryAfterSeconds;

	TooManyFailedSignInsException(long retryAfterSeconds) {
		super("Too many wrong credentials from this address; try again in " + retryAfterSeconds + " s");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return retryAfterSeconds;
	}

}
