package io.statefront.storefront;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The shopper's cart for this visit: the id of their open order, kept in the session; and the
 * submission ids that make each cart form's request apply once (they are its idempotency key).
 */
final class SessionCart {

	private static final String ORDER = SessionCart.class.getName() + ".order";

	private static final Pattern SUBMISSION = Pattern.compile("[0-9a-f-]{36}");

	private SessionCart() {
	}

	static @Nullable String orderId(HttpServletRequest request) {
		return (String) request.getSession().getAttribute(ORDER);
	}

	static void use(HttpServletRequest request, String orderId) {
		request.getSession().setAttribute(ORDER, orderId);
	}

	/** The order is paid or given up: the next add opens a new cart. */
	static void forget(HttpServletRequest request) {
		request.getSession().removeAttribute(ORDER);
	}

	/** A fresh submission id for a form. */
	static String submission() {
		return UUID.randomUUID().toString();
	}

	static boolean validSubmission(String submission) {
		return SUBMISSION.matcher(submission).matches();
	}

}
