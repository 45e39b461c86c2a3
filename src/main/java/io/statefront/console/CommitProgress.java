package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a consumer group's normal lag from one that points to a problem. Flink's sources commit
 * their offsets only when a checkpoint completes, so a group trails its topic by what arrived since
 * the last checkpoint, and the lag rises and falls with each one. What is not normal is a group
 * behind whose committed offsets have stood still for longer than {@code patience}: its consumer
 * stopped, or its checkpoints stopped completing.
 */
final class CommitProgress {

	private record Seen(long committed, Instant since) {
	}

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	private final Duration patience;

	private final Clock clock;

	CommitProgress(Duration patience, Clock clock) {
		this.patience = patience;
		this.clock = clock;
	}

	Duration patience() {
		return patience;
	}

	/**
	 * @param committed the group's committed offsets in the topic, summed over its partitions
	 * @param lag how far they trail the topic's end
	 * @return whether the group is behind and its committed offsets have not moved for longer than the patience
	 */
	boolean stalled(String group, String topic, long committed, long lag) {
		Instant now = clock.instant();
		Seen last = seen.compute(group + "\n" + topic,
				(key, previous) -> (previous == null || previous.committed() != committed) ? new Seen(committed, now)
						: previous);
		return lag > 0 && Duration.between(last.since(), now).compareTo(patience) > 0;
	}

}
