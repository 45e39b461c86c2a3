package io.statefront.analytics;

import java.util.HashMap;
import java.util.Map;

/** What a sliding window counts of its audience: a POJO Flink keeps without Kryo. */
public class AudienceCounts implements Tally.Counts<WebsiteEvent, AudienceCounts> {

	public long conversions;

	public long revenue;

	/** Visits with any event in the window, as a set. */
	public Map<String, Boolean> sessions = new HashMap<>();

	/** Each visitor in the window, and the country they were last seen in. */
	public Map<String, String> countryByVisitor = new HashMap<>();

	public Map<String, Long> viewsByUrl = new HashMap<>();

	@Override
	public void add(WebsiteEvent event) {
		sessions.put(event.sessionId(), Boolean.TRUE);
		countryByVisitor.put(event.key(), event.sessionData().country());
		if (event.eventType() == EventType.CONVERSION && event.conversionData() != null) {
			conversions++;
			revenue += event.conversionData().revenue();
		}
		if (event.eventType() == EventType.PAGE_VIEW && event.pageViewData() != null) {
			viewsByUrl.merge(event.pageViewData().url(), 1L, Long::sum);
		}
	}

	@Override
	public AudienceCounts merge(AudienceCounts other) {
		conversions += other.conversions;
		revenue += other.revenue;
		sessions.putAll(other.sessions);
		countryByVisitor.putAll(other.countryByVisitor);
		other.viewsByUrl.forEach((url, views) -> viewsByUrl.merge(url, views, Long::sum));
		return this;
	}

}
