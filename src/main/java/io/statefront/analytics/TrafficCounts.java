package io.statefront.analytics;

import java.util.HashMap;
import java.util.Map;

/**
 * What a tumbling window counts of the traffic in it, built up event by event: a POJO so that
 * Flink keeps it in state without Kryo.
 */
public class TrafficCounts implements Tally.Counts<WebsiteEvent, TrafficCounts> {

	public long pageViews;

	public long conversions;

	/** Everyone seen in the window (user id, or session id for anonymous visitors), as a set. */
	public Map<String, Boolean> visitors = new HashMap<>();

	@Override
	public void add(WebsiteEvent event) {
		visitors.put(event.key(), Boolean.TRUE);
		switch (event.eventType()) {
			case PAGE_VIEW -> pageViews++;
			case CONVERSION -> conversions++;
			default -> {
			}
		}
	}

	@Override
	public TrafficCounts merge(TrafficCounts other) {
		pageViews += other.pageViews;
		conversions += other.conversions;
		visitors.putAll(other.visitors);
		return this;
	}

}
