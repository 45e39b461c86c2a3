package io.statefront.analytics;

import java.util.List;

/** The measurements the analytics job computes, by the names the design gives them. */
public final class Measurements {

	/** One value per window, drawn as lines. */
	public static final List<String> SCALAR = List.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, TrafficWindow.ACTIVE_USERS,
			SessionWindow.BOUNCE_RATE, SessionWindow.AVERAGE_SESSION_DURATION, AudienceWindow.CONVERSION_RATE,
			AudienceWindow.REVENUE_PER_USER);

	/** One value per tag (a page, a country) per window, shown as tables. */
	public static final List<String> TAGGED = List.of(AudienceWindow.TOP_PAGES, AudienceWindow.VISITORS_BY_COUNTRY);

	private Measurements() {
	}

	public static boolean isKnown(String measurement) {
		return SCALAR.contains(measurement) || TAGGED.contains(measurement);
	}

	public static List<String> all() {
		return java.util.stream.Stream.concat(SCALAR.stream(), TAGGED.stream()).toList();
	}

}
