package io.statefront.analytics;

import java.util.HashMap;
import java.util.Map;

import io.statefront.analytics.WebsiteEvent.SessionData;

/** What a sliding window counts of its audience: a POJO Flink keeps without Kryo. */
public class AudienceCounts implements Tally.Counts<WebsiteEvent, AudienceCounts> {

	public long conversions;

	public long revenue;

	/** Visits with any event in the window, as a set. */
	public Map<String, Boolean> sessions = new HashMap<>();

	/**
	 * Each visitor in the window, and where they were last seen and with what: only the fields the
	 * breakdowns count (country, device, browser, OS). The heap backend writes every window's map
	 * whole into each checkpoint, a character at a time; with the user agent, address and city kept
	 * too, that writing was 5 % of the process's CPU under checkout load (docs/benchmarks.md).
	 */
	public Map<String, SessionData> sessionDataByVisitor = new HashMap<>();

	/** The funnel steps each visitor reached in the window, as bits of {@link FunnelStep#bit()}. */
	public Map<String, Integer> stepsByVisitor = new HashMap<>();

	public Map<String, Long> viewsByUrl = new HashMap<>();

	@Override
	public void add(WebsiteEvent event) {
		sessions.put(event.sessionId(), Boolean.TRUE);
		sessionDataByVisitor.put(event.key(), event.sessionData().countedFields());
		if (event.eventType() == EventType.CONVERSION && event.conversionData() != null) {
			conversions++;
			revenue += event.conversionData().revenue();
		}
		if (event.eventType() == EventType.PAGE_VIEW && event.pageViewData() != null) {
			viewsByUrl.merge(event.pageViewData().url(), 1L, Long::sum);
		}
		int steps = FunnelStep.reachedBy(event);
		if (steps != 0) {
			stepsByVisitor.merge(event.key(), steps, (one, other) -> one | other);
		}
	}

	@Override
	public AudienceCounts merge(AudienceCounts other) {
		conversions += other.conversions;
		revenue += other.revenue;
		sessions.putAll(other.sessions);
		sessionDataByVisitor.putAll(other.sessionDataByVisitor);
		other.stepsByVisitor.forEach((visitor, steps) -> stepsByVisitor.merge(visitor, steps, (one, two) -> one | two));
		other.viewsByUrl.forEach((url, views) -> viewsByUrl.merge(url, views, Long::sum));
		return this;
	}

}
