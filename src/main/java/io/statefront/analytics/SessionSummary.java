package io.statefront.analytics;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import org.jspecify.annotations.Nullable;

/**
 * One visit, once it is over: ended by its SESSION_END, or abandoned when no event came for the
 * session gap. While the visit goes on, the session function keeps it in this shape too.
 *
 * @param sessionId the visit
 * @param visitorId who made it: the user, or the session for an anonymous visitor
 * @param start its first event, epoch milliseconds
 * @param end its last event (its SESSION_END, or the last before it was abandoned)
 * @param pageViews how many pages it viewed
 * @param converted whether it converted
 * @param abandoned whether it ended by the gap rather than a SESSION_END
 * @param real whether its events were real rather than simulated. Named for what is known rather
 * than for the simulator: a visit restored from a build that did not keep it reads false, and is
 * left out of the real-only figures rather than passing a simulated visit off as real
 * @param entryPage the first page it viewed (the first to arrive), without its query, if any
 * @param exitPage the last page it viewed, without its query, if any
 * @param source where it came from ({@link Sources}), known with its first page
 * @param carted whether it added to the cart
 */
public record SessionSummary(String sessionId, String visitorId, long start, long end, int pageViews, boolean converted,
		boolean abandoned, boolean real, @Nullable String entryPage, @Nullable String exitPage, @Nullable String source,
		boolean carted) {

	/** A visit as its first event opens it. */
	static SessionSummary openedBy(WebsiteEvent event) {
		return new SessionSummary(event.sessionId(), event.key(), event.timestamp(), event.timestamp(), 0, false, false,
				false, null, null, null, false);
	}

	/** The visit with {@code event} in it. */
	SessionSummary with(WebsiteEvent event) {
		long time = event.timestamp();
		PageViewData page = (event.eventType() == EventType.PAGE_VIEW) ? event.pageViewData() : null;
		boolean first = page != null && entryPage == null;
		boolean latest = page != null && (exitPage == null || time >= end);
		int steps = FunnelStep.reachedBy(event);
		return new SessionSummary(sessionId, visitorId, Math.min(start, time), Math.max(end, time),
				pageViews + ((event.eventType() == EventType.PAGE_VIEW) ? 1 : 0),
				converted || event.eventType() == EventType.CONVERSION, false, !event.simulated(),
				first ? path(page.url()) : entryPage, latest ? path(page.url()) : exitPage,
				first ? Sources.of(page) : source,
				carted || (steps & FunnelStep.ADD_TO_CART.bit()) != 0);
	}

	/** A page without its query: a campaign's landing page is one page whatever its link's tags. */
	private static String path(String url) {
		int query = url.indexOf('?');
		return (query < 0) ? url : url.substring(0, query);
	}

	/** The visit, over for want of events. */
	SessionSummary asAbandoned() {
		return new SessionSummary(sessionId, visitorId, start, end, pageViews, converted, true, real, entryPage,
				exitPage, source, carted);
	}

	long durationMillis() {
		return end - start;
	}

	/** A bounce: a visit that saw one page and left. */
	boolean bounced() {
		return pageViews == 1;
	}

	/** A visit that put something in the cart and left without paying. */
	boolean leftACart() {
		return carted && !converted;
	}

}
