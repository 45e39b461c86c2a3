package io.statefront.platform.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Signs in the {@link Credential}s it is given, each with its role; no one else. */
public final class Credentials implements AuthenticationProvider {

	private static final Credential NOBODY = Credential.of("", "", "");

	private final Map<String, Credential> byUser;

	public Credentials(List<Credential> credentials) {
		this.byUser = credentials.stream().collect(Collectors.toMap(Credential::user, Function.identity(), (one, other) -> {
			throw new IllegalStateException("Two credentials of the API have the user name '" + one.user() + "'");
		}));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Credential credential = byUser.getOrDefault(authentication.getName(), NOBODY);
		// an unknown name costs a digest too: the time taken does not tell names apart
		if (!credential.matches(authentication.getCredentials()) || credential == NOBODY) {
			throw new BadCredentialsException("Bad credentials");
		}
		return UsernamePasswordAuthenticationToken.authenticated(credential.user(), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + credential.role())));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
