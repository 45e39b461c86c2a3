package io.statefront.storefront;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.statefront.order.OrderLine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The shopper's cart for this visit: the id of their open order and how many items it holds (the
 * header's count, so that no page has to ask the order function), kept in the session, which only
 * a customer has (reading it makes none); and the
 * submission ids that make each cart form's request apply once (they are its idempotency key).
 */
final class SessionCart {

	private static final String ORDER = SessionCart.class.getName() + ".order";

	private static final String COUNT = SessionCart.class.getName() + ".count";

	private static final Pattern SUBMISSION = Pattern.compile("[0-9a-f-]{36}");

	private SessionCart() {
	}

	static @Nullable String orderId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? (String) session.getAttribute(ORDER) : null;
	}

	static void use(HttpServletRequest request, String orderId) {
		request.getSession().setAttribute(ORDER, orderId);
	}

	/** The order is paid or given up: the next add opens a new cart. */
	static void forget(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ORDER);
			session.removeAttribute(COUNT);
		}
	}

	/** How many items the cart held when this visit last saw it. */
	static long count(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(COUNT) instanceof Long count) ? count : 0;
	}

	/** The cart holds {@code lines} now. */
	static void holds(HttpServletRequest request, List<OrderLine> lines) {
		request.getSession().setAttribute(COUNT, CartLine.count(lines));
	}

	/** A fresh submission id for a form. */
	static String submission() {
		return UUID.randomUUID().toString();
	}

	static boolean validSubmission(String submission) {
		return SUBMISSION.matcher(submission).matches();
	}

}
