package io.statefront.platform.history;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The changes in the applied-change log made by commands appended from a given time on, such as
 * those a restore applies again. Each change carries the time its command was appended to its
 * command topic, and the log's records are stamped with it, so the read starts in every partition at
 * the first record of that time ({@code offsetsForTimes}) and reads forward to the partition's end as
 * it is when the read starts, keeping the changes the caller picks.
 *
 * <p>Bounded like a history page: it looks at {@value #SCAN_BUDGET} records at most and says when
 * that stopped it; it keeps the first {@value #LISTED} changes by time, the count per kind of entity,
 * and an 8-byte fingerprint of each change counted, which collapses the identical copies a replay
 * writes (see {@link AppliedChange}): under 10 MB however long the log.
 */
@Component
public class ChangesAfter {

	/** How many of the changes are listed (all within the budget are counted). */
	public static final int LISTED = 20;

	/** Records one read looks at, at most: as many as a history page. */
	static final int SCAN_BUDGET = EntityHistory.SCAN_BUDGET;

	private static final Comparator<AppliedChange> BY_TIME = Comparator.comparingLong(AppliedChange::at)
		.thenComparing(AppliedChange::entity)
		.thenComparingLong(AppliedChange::balance);

	private final ChangeLog changeLog;

	private final boolean kept;

	/** {@code kept}: whether the functions write the log now; a log kept before would stop short. */
	ChangesAfter(ChangeLog changeLog, @Value("${statefront.flink.applied-change-log:true}") boolean kept) {
		this.changeLog = changeLog;
		this.kept = kept;
	}

	/**
	 * What a read found.
	 *
	 * @param byKind how many changes per kind of entity ({@code user}, {@code item}), each once
	 * @param first the first {@value #LISTED} of them by time
	 * @param scanned how many records of the log were looked at
	 * @param budgetSpent whether the budget stopped the read before the log's end: more may follow
	 * @param kept whether the functions keep the log at all ({@code statefront.flink.applied-change-log})
	 * @param horizonPassed whether a partition's oldest record is already past the earliest time asked
	 * for, so that changes since then may have passed the log's horizon
	 */
	public record Found(Map<String, Long> byKind, List<AppliedChange> first, long scanned, boolean budgetSpent,
			boolean kept, boolean horizonPassed) {

		public long changes() {
			return byKind.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	/**
	 * The changes {@code wanted} picks among those whose command was appended at or after
	 * {@code earliest} (epoch ms of the command log's clock).
	 *
	 * @throws HistoryUnavailableException when the log cannot be read now
	 */
	public Found read(Predicate<AppliedChange> wanted, long earliest) {
		if (!kept) {
			return new Found(Map.of(), List.of(), 0, false, false, false);
		}
		return changeLog.read(consumer -> new Scan(consumer, wanted).from(Math.max(0, earliest)));
	}

	/** One read, forward through every partition. */
	private static final class Scan {

		private final Consumer<String, byte[]> consumer;

		private final Predicate<AppliedChange> wanted;

		private final Map<String, Long> byKind = new TreeMap<>();

		/** The latest of the first changes on top, dropped when an earlier one comes. */
		private final PriorityQueue<AppliedChange> first = new PriorityQueue<>(BY_TIME.reversed());

		private final Set<Long> counted = new HashSet<>();

		private final MessageDigest digest;

		private long scanned;

		Scan(Consumer<String, byte[]> consumer, Predicate<AppliedChange> wanted) {
			this.consumer = consumer;
			this.wanted = wanted;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java platform has SHA-256", ex);
			}
		}

		Found from(long earliest) {
			List<TopicPartition> partitions = ChangeLog.partitions(consumer);
			if (partitions.isEmpty()) {
				return new Found(Map.of(), List.of(), 0, false, false, false);
			}
			Map<TopicPartition, Long> asked = new HashMap<>();
			partitions.forEach(partition -> asked.put(partition, earliest));
			Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(asked);
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			boolean horizonPassed = false;
			Map<TopicPartition, Long> toRead = new HashMap<>();
			for (TopicPartition partition : partitions) {
				OffsetAndTimestamp start = starts.get(partition);
				if (start == null || start.offset() >= ends.get(partition)) {
					continue;
				}
				long beginning = beginnings.get(partition);
				horizonPassed |= beginning > 0 && start.offset() == beginning && start.timestamp() > earliest;
				toRead.put(partition, start.offset());
			}
			boolean budgetSpent = read(toRead, ends);
			List<AppliedChange> listed = new ArrayList<>(first);
			listed.sort(BY_TIME);
			return new Found(Map.copyOf(byKind), List.copyOf(listed), scanned, budgetSpent, true, horizonPassed);
		}

		/** Reads each partition from its start to its end; answers whether the budget stopped it. */
		private boolean read(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
			consumer.assign(starts.keySet());
			starts.forEach(consumer::seek);
			Set<TopicPartition> open = new HashSet<>(starts.keySet());
			long deadline = System.nanoTime() + ChangeLog.PATIENCE.toNanos();
			while (!open.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new HistoryUnavailableException("the change log did not answer within " + ChangeLog.PATIENCE,
							null);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
						continue;
					}
					if (scanned == SCAN_BUDGET) {
						return true;
					}
					scanned++;
					// the patience is for each answer, not for the whole read
					deadline = System.nanoTime() + ChangeLog.PATIENCE.toNanos();
					take(record);
				}
				open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
				consumer.pause(starts.keySet().stream().filter(partition -> !open.contains(partition)).toList());
			}
			return false;
		}

		private void take(ConsumerRecord<String, byte[]> record) {
			AppliedChange change = ChangeLog.parse(record);
			if (change == null) {
				return;
			}
			if (!wanted.test(change) || !counted.add(fingerprint(change))) {
				return;
			}
			int slash = change.entity().indexOf('/');
			byKind.merge((slash < 0) ? change.entity() : change.entity().substring(0, slash), 1L, Long::sum);
			first.add(change);
			if (first.size() > LISTED) {
				first.poll();
			}
		}

		/** Equal changes, equal fingerprints: {@code Json} writes a record's fields in one order. */
		private long fingerprint(AppliedChange change) {
			return ByteBuffer.wrap(digest.digest(Json.write(change))).getLong();
		}

	}

}
