package io.statefront.storefront;

import java.util.Locale;

import io.statefront.analytics.WebsiteEvent.SessionData;
import jakarta.servlet.http.HttpServletRequest;

/** What the request tells of the visitor's device, for the analytics events' session data. */
final class Visitor {

	private Visitor() {
	}

	static SessionData of(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent") == null ? "" : request.getHeader("User-Agent");
		String ua = agent.toLowerCase(Locale.ROOT);
		String device = ua.contains("ipad") || ua.contains("tablet") ? "tablet"
				: ua.contains("mobile") || ua.contains("android") || ua.contains("iphone") ? "mobile" : "desktop";
		String browser = ua.contains("edg/") ? "Edge"
				: ua.contains("firefox/") ? "Firefox"
						: ua.contains("chrome/") || ua.contains("chromium/") ? "Chrome"
								: ua.contains("safari/") ? "Safari" : "Other";
		String os = ua.contains("android") ? "Android"
				: ua.contains("iphone") || ua.contains("ipad") ? "iOS"
						: ua.contains("windows") ? "Windows"
								: ua.contains("mac os") ? "macOS" : ua.contains("linux") ? "Linux" : "Other";
		// no geolocation database ships with the shop: real visitors' places are unknown
		return new SessionData(agent.length() > 512 ? agent.substring(0, 512) : agent, request.getRemoteAddr(),
				"Unknown", "Unknown", device, browser, os);
	}

}
