package io.statefront.storefront;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who a storefront visitor is to the events and the recommendations. A guest gets a shopper id
 * with their first page, kept in the session; a customer keeps the one they had as a guest, which
 * their remember-me cookie carries to later visits. Not the session id: signing in changes that.
 */
final class Shoppers {

	private static final String SHOPPER = Shoppers.class.getName() + ".shopper";

	private static final String VISIT = Shoppers.class.getName() + ".visit";

	private Shoppers() {
	}

	static String id(HttpServletRequest request) {
		return Customer.of(request)
			.map(Customer::shopperId)
			.orElseGet(() -> attribute(request.getSession(), SHOPPER));
	}

	/** The visit, as analytics counts sessions: it outlives the session id's change at sign-in. */
	static String visit(HttpSession session) {
		return attribute(session, VISIT);
	}

	/** Whether this request starts a visit: its session has no visit id yet. */
	static boolean startsVisit(HttpSession session) {
		return session.getAttribute(VISIT) == null;
	}

	private static String attribute(HttpSession session, String name) {
		Object value = session.getAttribute(name);
		if (value == null) {
			value = UUID.randomUUID().toString();
			session.setAttribute(name, value);
		}
		return (String) value;
	}

}
