package io.statefront.analytics;

/** What a tumbling window counts of the visits that ended in it: a POJO Flink keeps without Kryo. */
public class SessionCounts implements Tally.Counts<SessionSummary, SessionCounts> {

	public long sessions;

	public long bounces;

	public long totalDurationMillis;

	@Override
	public void add(SessionSummary session) {
		sessions++;
		bounces += session.bounced() ? 1 : 0;
		totalDurationMillis += session.durationMillis();
	}

	@Override
	public SessionCounts merge(SessionCounts other) {
		sessions += other.sessions;
		bounces += other.bounces;
		totalDurationMillis += other.totalDurationMillis;
		return this;
	}

}
