package io.statefront.analytics;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The measurements the analytics job computes, by the names the design gives them. */
public final class Measurements {

	/** One value per window, drawn as lines. */
	public static final List<String> SCALAR = List.of(TrafficWindow.PAGE_VIEWS_PER_SECOND, TrafficWindow.ACTIVE_USERS,
			SessionWindow.BOUNCE_RATE, SessionWindow.AVERAGE_SESSION_DURATION, AudienceWindow.CONVERSION_RATE,
			AudienceWindow.REVENUE_PER_USER, TrafficWindow.CURRENT_VISITORS, ShopWindows.REVENUE_MISMATCH);

	/** One value per tag (a page, a country) per window, shown as tables. */
	public static final List<String> TAGGED = List.of(AudienceWindow.TOP_PAGES, AudienceWindow.VISITORS_BY_COUNTRY,
			AudienceWindow.VISITORS_BY_DEVICE, AudienceWindow.VISITORS_BY_BROWSER, AudienceWindow.VISITORS_BY_OS,
			VisitPagesWindow.VISITORS_BY_SOURCE, VisitPagesWindow.ENTRY_PAGES, VisitPagesWindow.EXIT_PAGES,
			AudienceWindow.FUNNEL, ShopWindows.LOST_REVENUE, ShopWindows.REVENUE_RECONCILIATION);

	/**
	 * What the history of a measurement's real-only results is kept under, in InfluxDB too: the
	 * measurement's name after this prefix ({@code real_page_views_per_second}).
	 */
	public static final String REAL_ONLY_PREFIX = "real_";

	/** What a scalar measurement's values are. */
	public enum Unit {

		/** A share of a whole, 0 to 1 (bounce rate, conversion rate). */
		SHARE,
		/** Seconds (average session duration). */
		SECONDS,
		/** The shop's credit units (revenue per user). */
		CREDITS,
		/** A count or a rate, as it is. */
		NUMBER

	}

	private Measurements() {
	}

	public static Unit unit(String measurement) {
		return switch (measurement) {
			case SessionWindow.BOUNCE_RATE, AudienceWindow.CONVERSION_RATE, ShopWindows.REVENUE_MISMATCH -> Unit.SHARE;
			case SessionWindow.AVERAGE_SESSION_DURATION -> Unit.SECONDS;
			case AudienceWindow.REVENUE_PER_USER, ShopWindows.LOST_REVENUE, ShopWindows.REVENUE_RECONCILIATION ->
				Unit.CREDITS;
			default -> Unit.NUMBER;
		};
	}

	/**
	 * The second tag of a measurement split two ways ({@code item} of {@code lost_revenue}, whose
	 * first is {@code reason}), or null.
	 */
	public static @Nullable String detailTag(String measurement) {
		return measurement.equals(ShopWindows.LOST_REVENUE) ? "item" : null;
	}

	public static boolean isKnown(String measurement) {
		return SCALAR.contains(measurement) || TAGGED.contains(measurement);
	}

	/** The name a measurement's history is kept under, of all traffic or of real traffic alone. */
	public static String series(String measurement, boolean realOnly) {
		return realOnly ? REAL_ONLY_PREFIX + measurement : measurement;
	}

	public static List<String> all() {
		return java.util.stream.Stream.concat(SCALAR.stream(), TAGGED.stream()).toList();
	}

}
