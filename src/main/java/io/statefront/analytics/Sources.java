package io.statefront.analytics;

import java.net.URI;
import java.util.Locale;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import org.jspecify.annotations.Nullable;

/**
 * Where a visit came from, read off its first page: the campaign's {@code utm_source} when the
 * link was tagged, otherwise the referring site's domain ({@code www.} left off), otherwise
 * {@value #DIRECT} (typed in, a bookmark, or a referrer the browser kept back).
 */
final class Sources {

	static final String DIRECT = "direct";

	private Sources() {
	}

	static String of(PageViewData page) {
		if (page.utmSource() != null && !page.utmSource().isBlank()) {
			return page.utmSource().strip().toLowerCase(Locale.ROOT);
		}
		String domain = domainOf(page.referrer());
		return (domain != null) ? domain : DIRECT;
	}

	private static @Nullable String domainOf(@Nullable String referrer) {
		if (referrer == null || referrer.isBlank()) {
			return null;
		}
		try {
			String host = URI.create(referrer.strip()).getHost();
			if (host == null || host.isEmpty()) {
				return null;
			}
			host = host.toLowerCase(Locale.ROOT);
			return host.startsWith("www.") ? host.substring(4) : host;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
