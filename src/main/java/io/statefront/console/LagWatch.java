package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a consumer group's normal lag from one that points to a problem. Flink's sources commit
 * their offsets only when a checkpoint completes, so a healthy group trails its topic by what
 * arrived since the last one, and its lag rises and falls with each checkpoint. A group is too far
 * behind when its committed offset in a partition is below where the partition ended
 * {@code patience} ago: it has not kept up (or not committed) for that long, whatever the rate.
 */
final class LagWatch {

	private record End(Instant at, long offset) {
	}

	// per partition, its ends as seen, from the newest one at least the patience old
	private final Map<String, Deque<End>> ends = new ConcurrentHashMap<>();

	private final Duration patience;

	private final Clock clock;

	LagWatch(Duration patience, Clock clock) {
		this.patience = patience;
		this.clock = clock;
	}

	Duration patience() {
		return patience;
	}

	/** @param partition a topic's partition, {@code <topic>-<partition>} */
	void sawEnd(String partition, long endOffset) {
		Instant now = clock.instant();
		Instant horizon = now.minus(patience);
		Deque<End> seen = ends.computeIfAbsent(partition, name -> new ArrayDeque<>());
		synchronized (seen) {
			seen.addLast(new End(now, endOffset));
			// the oldest goes once the next one is old enough to judge by
			while (seen.size() > 1 && !secondOldest(seen).at().isAfter(horizon)) {
				seen.removeFirst();
			}
		}
	}

	private static End secondOldest(Deque<End> seen) {
		Iterator<End> oldestFirst = seen.iterator();
		oldestFirst.next();
		return oldestFirst.next();
	}

	/**
	 * @param committed a group's committed offset in the partition
	 * @return whether it is below where the partition ended the patience ago; false until the
	 * partition has been watched that long
	 */
	boolean tooFarBehind(String partition, long committed) {
		Deque<End> seen = ends.get(partition);
		if (seen == null) {
			return false;
		}
		synchronized (seen) {
			End oldest = seen.peekFirst();
			return oldest != null && !oldest.at().isAfter(clock.instant().minus(patience)) && committed < oldest.offset();
		}
	}

}
