package io.statefront.storefront;

import java.time.Duration;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who a storefront visitor is to the events and the recommendations, kept in cookies of theirs,
 * not in a session: a guest gets a shopper id with their first page, for as long as their browser
 * runs; a customer keeps the one they had as a guest, which their remember-me cookie carries to
 * later visits. A visit, as analytics counts sessions, lasts while pages follow each other within
 * {@link #VISIT_IDLE}.
 */
final class Shoppers {

	static final String SHOPPER_COOKIE = "statefront-shopper";

	static final String VISIT_COOKIE = "statefront-visit";

	static final Duration VISIT_IDLE = Duration.ofMinutes(30);

	private static final String SHOPPER = Shoppers.class.getName() + ".shopper";

	private static final String VISIT = Shoppers.class.getName() + ".visit";

	private static final String STARTS = Shoppers.class.getName() + ".starts";

	private Shoppers() {
	}

	/**
	 * Gives a visitor the ids they lack and keeps their visit going: on the request's own thread,
	 * before its page is started. Once a request: a page finished asynchronously passes the
	 * interceptors again, still without the cookies given the first time, and would be given
	 * other ids.
	 */
	static void greet(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(SHOPPER) != null) {
			return;
		}
		String shopper = VisitorCookies.read(request, SHOPPER_COOKIE, VisitorCookies.ID);
		if (shopper == null) {
			shopper = UUID.randomUUID().toString();
			VisitorCookies.write(request, response, SHOPPER_COOKIE, shopper, null);
		}
		request.setAttribute(SHOPPER, shopper);
		String visit = VisitorCookies.read(request, VISIT_COOKIE, VisitorCookies.ID);
		request.setAttribute(STARTS, visit == null);
		if (visit == null) {
			visit = UUID.randomUUID().toString();
		}
		request.setAttribute(VISIT, visit);
		VisitorCookies.write(request, response, VISIT_COOKIE, visit, VISIT_IDLE);
	}

	static String id(HttpServletRequest request) {
		return Customer.of(request).map(Customer::shopperId).orElseGet(() -> guest(request));
	}

	/** The visit, as analytics counts sessions: it outlives the session id's change at sign-in. */
	static String visit(HttpServletRequest request) {
		Object visit = request.getAttribute(VISIT);
		return (visit != null) ? (String) visit : UUID.randomUUID().toString();
	}

	/** Whether this request starts a visit; true once per request, for its first event. */
	static boolean startsVisit(HttpServletRequest request) {
		boolean starts = Boolean.TRUE.equals(request.getAttribute(STARTS));
		request.setAttribute(STARTS, false);
		return starts;
	}

	/** The guest's id: greeted on this request, or the cookie's (a WebSocket handshake is not greeted). */
	private static String guest(HttpServletRequest request) {
		Object greeted = request.getAttribute(SHOPPER);
		if (greeted != null) {
			return (String) greeted;
		}
		String known = VisitorCookies.read(request, SHOPPER_COOKIE, VisitorCookies.ID);
		return (known != null) ? known : UUID.randomUUID().toString();
	}

}
