package io.statefront.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Makes a guest the customer they have just become, without a form: signed in for a session (the
 * first the guest has, or their session under a new id, against fixation) and remembered by a
 * cookie for later visits.
 */
@Component
class CustomerSignIn {

	private final SecurityContextRepository contexts;

	private final RememberMeServices rememberMe;

	CustomerSignIn(SecurityContextRepository storefrontContexts, RememberMeServices storefrontRememberMe) {
		this.contexts = storefrontContexts;
		this.rememberMe = storefrontRememberMe;
	}

	void signIn(Customer customer, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		else {
			request.getSession();
		}
		UserDetails details = StorefrontSecurity.details(customer);
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(details, null,
				details.getAuthorities());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		contexts.saveContext(context, request, response);
		rememberMe.loginSuccess(request, response, authentication);
		Customer.signedIn(request, customer);
	}

}
