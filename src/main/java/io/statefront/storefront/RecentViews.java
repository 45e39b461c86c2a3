package io.statefront.storefront;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The products this visit looked at lately, most recent first ({@value #KEPT} at most), kept in the
 * session: the recommendations job never suggests what the shopper has just seen, and the panel
 * does not either when it fills up with products of its own choosing.
 */
final class RecentViews {

	static final int KEPT = 10;

	private static final String VIEWS = RecentViews.class.getName();

	private RecentViews() {
	}

	static void viewed(HttpServletRequest request, String productId) {
		HttpSession session = request.getSession();
		List<String> views = new ArrayList<>(of(request));
		views.remove(productId);
		views.add(0, productId);
		session.setAttribute(VIEWS, new ArrayList<>(views.subList(0, Math.min(KEPT, views.size()))));
	}

	@SuppressWarnings("unchecked")
	static List<String> of(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(VIEWS) instanceof List<?> views) ? (List<String>) views
				: List.of();
	}

}
