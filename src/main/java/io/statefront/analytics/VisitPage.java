package io.statefront.analytics;

/**
 * The page a visit came in by, or left by, and where the visit came from: what the visit-pages
 * window counts as entry pages, exit pages and visitors per source. An entry is known at the
 * visit's first page view, an exit when the visit is over.
 *
 * @param visitorId who made the visit: the user, or the session for an anonymous visitor
 * @param url the page
 * @param source where the visit came from ({@link Sources})
 * @param entry whether it is the visit's first page rather than its last
 * @param real whether the visit was real rather than simulated
 */
public record VisitPage(String visitorId, String url, String source, boolean entry, boolean real) {
}
