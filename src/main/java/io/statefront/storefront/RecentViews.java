package io.statefront.storefront;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The products this visit looked at lately, most recent first ({@value #KEPT} at most), kept in a
 * cookie of the visitor's ({@value #COOKIE}): the recommendations job never suggests what the
 * shopper has just seen, and the panel does not either when it fills up with products of its own
 * choosing.
 */
final class RecentViews {

	static final int KEPT = 10;

	static final String COOKIE = "statefront-recent";

	private static final Pattern IDS = Pattern.compile("\\d{1,19}(\\.\\d{1,19}){0,9}");

	private static final String VIEWS = RecentViews.class.getName();

	private RecentViews() {
	}

	static void viewed(HttpServletRequest request, HttpServletResponse response, String productId) {
		List<String> views = new ArrayList<>(of(request));
		views.remove(productId);
		views.add(0, productId);
		List<String> kept = List.copyOf(views.subList(0, Math.min(KEPT, views.size())));
		request.setAttribute(VIEWS, kept);
		VisitorCookies.write(request, response, COOKIE, String.join(".", kept), null);
	}

	@SuppressWarnings("unchecked")
	static List<String> of(HttpServletRequest request) {
		if (request.getAttribute(VIEWS) instanceof List<?> views) {
			return (List<String>) views;
		}
		String cookie = VisitorCookies.read(request, COOKIE, IDS);
		return (cookie != null) ? List.of(cookie.split("\\.")) : List.of();
	}

}
