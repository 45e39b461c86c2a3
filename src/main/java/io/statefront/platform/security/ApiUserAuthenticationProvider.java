package io.statefront.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the one configured API user.
 *
 * <p>API clients send the password with every request, so a deliberately slow password hash
 * (BCrypt: tens of milliseconds of CPU) would cap the API at a few dozen requests per second per
 * core. The password is configuration, not a stored user database, so the slow hash protects
 * nothing here; comparing SHA-256 digests in constant time keeps timing from leaking it.
 */
class ApiUserAuthenticationProvider implements AuthenticationProvider {

	static final String API_ROLE = "API";

	private final String user;

	private final byte[] passwordDigest;

	ApiUserAuthenticationProvider(String user, String password) {
		this.user = user;
		this.passwordDigest = sha256(password);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		Object credentials = authentication.getCredentials();
		boolean passwordMatches = credentials != null
				&& MessageDigest.isEqual(passwordDigest, sha256(credentials.toString()));
		if (!passwordMatches || !user.equals(name)) {
			throw new BadCredentialsException("Bad credentials");
		}
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + API_ROLE)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
