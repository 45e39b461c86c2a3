package io.statefront.analytics;

import org.jspecify.annotations.Nullable;

/**
 * One event of a visitor on the website, as the product's design documents give its JSON, on the
 * {@value #TOPIC} topic keyed by user id (session id when there is none).
 *
 * @param eventId unique per event
 * @param timestamp when it happened, epoch milliseconds: the event time every window uses
 * @param eventType what happened
 * @param userId the visitor
 * @param sessionId the visit
 * @param pageViewData the page, for page views
 * @param sessionData where the visitor is and what they use; on every event
 * @param conversionData the order, for conversions
 * @param simulated whether the traffic simulator made it up. Absent means real: the storefront's
 * events and those of any other producer count as real traffic, which the analytics job also
 * counts alone (the {@link MetricResult#realOnly() real-only} results)
 */
public record WebsiteEvent(String eventId, long timestamp, EventType eventType, @Nullable String userId,
		String sessionId, @Nullable PageViewData pageViewData, SessionData sessionData,
		@Nullable ConversionData conversionData, boolean simulated) {

	public static final String TOPIC = "website-analytics-events";

	/** A real visitor's event. */
	public WebsiteEvent(String eventId, long timestamp, EventType eventType, @Nullable String userId,
			String sessionId, @Nullable PageViewData pageViewData, SessionData sessionData,
			@Nullable ConversionData conversionData) {
		this(eventId, timestamp, eventType, userId, sessionId, pageViewData, sessionData, conversionData, false);
	}

	/**
	 * The page a visitor viewed, the page or site that sent them ({@code referrer}), and the
	 * campaign the link was tagged with ({@code utm_source}, {@code utm_medium}, {@code utm_campaign}),
	 * when it was. The first page of a visit names where the visit came from ({@link Sources}).
	 */
	public record PageViewData(String url, String title, @Nullable String referrer, long pageLoadTime,
			@Nullable String utmSource, @Nullable String utmMedium, @Nullable String utmCampaign) {

		/** A page reached without a tagged link. */
		public PageViewData(String url, String title, @Nullable String referrer, long pageLoadTime) {
			this(url, title, referrer, pageLoadTime, null, null, null);
		}

	}

	/** Where a visitor is and what they browse with. */
	public record SessionData(@Nullable String userAgent, @Nullable String ipAddress, String country,
			@Nullable String city, String deviceType, String browser, String os) {

		/**
		 * Only the fields a visitor is counted by in the audience breakdowns (country, device, browser,
		 * OS): what a window keeps of each visitor, and writes into every checkpoint. The user agent
		 * alone was most of those bytes.
		 */
		public SessionData countedFields() {
			return new SessionData(null, null, country, null, deviceType, browser, os);
		}

	}

	/** The order a visit ended in, and its revenue in the shop's credit units (a whole number). */
	public record ConversionData(String orderId, long revenue) {
	}

	/** The Kafka key: the user, or the session for an anonymous visitor. */
	public String key() {
		return (userId != null) ? userId : sessionId;
	}

}
