package io.statefront.analytics;

/**
 * One visit, once it is over: ended by its SESSION_END, or abandoned when no event came for the
 * session gap.
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
 */
public record SessionSummary(String sessionId, String visitorId, long start, long end, int pageViews, boolean converted,
		boolean abandoned, boolean real) {

	long durationMillis() {
		return end - start;
	}

	/** A bounce: a visit that saw one page and left. */
	boolean bounced() {
		return pageViews == 1;
	}

}
