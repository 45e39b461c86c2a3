package io.statefront.analytics;

import java.util.HashMap;
import java.util.Map;

/** What a sliding window counts of the visits that came in or left in it: a POJO Flink keeps without Kryo. */
public class VisitPageCounts implements Tally.Counts<VisitPage, VisitPageCounts> {

	public Map<String, Long> entriesByUrl = new HashMap<>();

	public Map<String, Long> exitsByUrl = new HashMap<>();

	/** Each visitor whose visit came in during the window, and where from (the latest, if several). */
	public Map<String, String> sourceByVisitor = new HashMap<>();

	@Override
	public void add(VisitPage page) {
		if (page.entry()) {
			entriesByUrl.merge(page.url(), 1L, Long::sum);
			sourceByVisitor.put(page.visitorId(), page.source());
		}
		else {
			exitsByUrl.merge(page.url(), 1L, Long::sum);
		}
	}

	@Override
	public VisitPageCounts merge(VisitPageCounts other) {
		other.entriesByUrl.forEach((url, visits) -> entriesByUrl.merge(url, visits, Long::sum));
		other.exitsByUrl.forEach((url, visits) -> exitsByUrl.merge(url, visits, Long::sum));
		sourceByVisitor.putAll(other.sourceByVisitor);
		return this;
	}

}
