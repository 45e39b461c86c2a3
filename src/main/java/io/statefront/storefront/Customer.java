package io.statefront.storefront;

import java.security.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * A shopper who has become a customer: the ledger user whose credit they spend, and the shopper
 * id their behaviour was learnt under as a guest, kept so their recommendations carry on.
 * Spring Security knows them by {@link #username()}, which the remember-me cookie signs.
 */
record Customer(String userId, String shopperId) {

	static final String ROLE = "CUSTOMER";

	private static final String ATTRIBUTE = Customer.class.getName();

	private static final Pattern USERNAME = Pattern.compile("(\\d{1,19})\\.([0-9a-f-]{36})");

	String username() {
		return usernamePrefix(userId) + shopperId;
	}

	/** What the user names of every customer of ledger user {@code userId} begin with. */
	static String usernamePrefix(String userId) {
		return userId + ".";
	}

	static Optional<Customer> parse(String username) {
		Matcher matcher = USERNAME.matcher(username);
		return matcher.matches() ? Optional.of(new Customer(matcher.group(1), matcher.group(2))) : Optional.empty();
	}

	/**
	 * The customer a request is signed in as, if any. Known from the security context on the
	 * request's own thread, and kept in the request for the threads that finish it (a page
	 * completed when the pipeline answers): {@link CustomerInterceptor} asks first, on that thread.
	 */
	@SuppressWarnings("unchecked")
	static Optional<Customer> of(HttpServletRequest request) {
		Object known = request.getAttribute(ATTRIBUTE);
		if (known instanceof Optional<?> customer) {
			return (Optional<Customer>) customer;
		}
		Optional<Customer> customer = of(request.getUserPrincipal());
		request.setAttribute(ATTRIBUTE, customer);
		return customer;
	}

	/** From now on, the request is this customer's: they have just signed in. */
	static void signedIn(HttpServletRequest request, Customer customer) {
		request.setAttribute(ATTRIBUTE, Optional.of(customer));
	}

	private static Optional<Customer> of(@Nullable Principal principal) {
		if (principal instanceof Authentication authentication && authentication.isAuthenticated()
				&& authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + ROLE))) {
			return parse(authentication.getName());
		}
		return Optional.empty();
	}

}
