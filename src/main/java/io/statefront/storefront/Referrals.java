package io.statefront.storefront;

import java.net.URI;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What a page view tells analytics of where the visitor came from: the referrer (a page of the
 * shop's own as its path alone, so that a visit starting on a shop link is not a referral from
 * the shop), and the campaign a tagged link names ({@code utm_source}, {@code utm_medium},
 * {@code utm_campaign}). The analytics job takes a visit's source from its first page.
 */
final class Referrals {

	static final int MAX_CAMPAIGN_LENGTH = 100;

	static final int MAX_REFERRER_LENGTH = 512;

	private Referrals() {
	}

	static PageViewData pageView(HttpServletRequest request, String url, String title) {
		// a form's fields are not a link's tags
		boolean link = "GET".equals(request.getMethod());
		return new PageViewData(url, title, referrer(request), 0, link ? campaign(request, "utm_source") : null,
				link ? campaign(request, "utm_medium") : null, link ? campaign(request, "utm_campaign") : null);
	}

	static @Nullable String referrer(HttpServletRequest request) {
		String referrer = request.getHeader("Referer");
		if (referrer == null || referrer.isBlank()) {
			return null;
		}
		try {
			URI uri = URI.create(referrer.strip());
			if (uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())) {
				String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
				return clip((uri.getRawQuery() == null) ? path : path + "?" + uri.getRawQuery(), MAX_REFERRER_LENGTH);
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URI: kept as sent, and counted as no referring site
		}
		return clip(referrer.strip(), MAX_REFERRER_LENGTH);
	}

	private static @Nullable String campaign(HttpServletRequest request, String parameter) {
		String value = request.getParameter(parameter);
		if (value == null) {
			return null;
		}
		String clean = value.replaceAll("\\p{Cntrl}", " ").strip();
		return clean.isEmpty() ? null : clip(clean, MAX_CAMPAIGN_LENGTH);
	}

	private static String clip(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
	}

}
