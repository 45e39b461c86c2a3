package io.statefront.platform.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.statefront.platform.flink.AppliedChange;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * An entity's history: its changes in the applied-change log, newest first. Any instance answers,
 * from Kafka alone (architecture rule 10), with memory bounded whatever the log's size.
 *
 * <p>The log is keyed by entity, so an entity's changes all lie in the one partition the default
 * partitioner gives its key. A read takes that partition alone, with a consumer assigned to it (no
 * group to join or rebalance), and walks it backwards from its end (or from a page's cursor) in
 * chunks of {@value #CHUNK} records, keeping the entity's changes, until it has the changes asked
 * for, has looked at {@value #SCAN_BUDGET} records, or reaches the log's start. It says how far it
 * looked: a quiet entity in a busy partition may need a further page to reach its older changes.
 *
 * <p>The log is written at least once: after a restore, the changes made since the restored
 * checkpoint are written again, identical. A read shows each once (see {@link AppliedChange}).
 */
@Component
public class EntityHistory {

	/** The most changes one page may ask for. */
	public static final int MOST_CHANGES = 500;

	/** Records read per chunk: what one read holds in memory at most, with its page. */
	static final int CHUNK = ChangeLog.CHUNK;

	/** Records one page looks at, at most: about 15 MB of the log read at 150 bytes a change. */
	static final int SCAN_BUDGET = 100_000;

	private static final Duration PATIENCE = ChangeLog.PATIENCE;

	private final ChangeLog changeLog;

	EntityHistory(ChangeLog changeLog) {
		this.changeLog = changeLog;
	}

	/**
	 * One page of an entity's history, newest first.
	 *
	 * @param entity as the log names it, such as {@code user/7}
	 * @param limit the most changes to return, 1 to {@value #MOST_CHANGES}
	 * @param before the cursor of an earlier page ({@link HistoryPage#next()}), or null for the newest
	 * @throws HistoryUnavailableException when the log cannot be read now
	 */
	public HistoryPage read(String entity, int limit, @Nullable Long before) {
		if (limit < 1 || limit > MOST_CHANGES) {
			throw new IllegalArgumentException("limit is from 1 to " + MOST_CHANGES);
		}
		return changeLog.read(consumer -> new Walk(consumer, entity, limit).from(before));
	}

	/** One read, backwards through one partition. */
	private static final class Walk {

		private final Consumer<String, byte[]> consumer;

		private final String entity;

		private final int limit;

		private final List<AppliedChange> changes = new ArrayList<>();

		private final Set<AppliedChange> seen = new HashSet<>();

		private long scanned;

		/** The time of the oldest record looked at, or of the change that filled the page. */
		private long oldestTime = Long.MAX_VALUE;

		Walk(Consumer<String, byte[]> consumer, String entity, int limit) {
			this.consumer = consumer;
			this.entity = entity;
			this.limit = limit;
		}

		HistoryPage from(@Nullable Long before) {
			TopicPartition partition = partitionOf(entity);
			if (partition == null) {
				return new HistoryPage(List.of(), 0, null, null);
			}
			consumer.assign(List.of(partition));
			long start = consumer.beginningOffsets(List.of(partition)).get(partition);
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			long position = (before != null) ? Math.min(before, end) : end;
			Long next = null;
			while (position > start && changes.size() < limit && scanned < SCAN_BUDGET) {
				long from = Math.max(start, position - CHUNK);
				next = newestFirst(partition, from, position);
				if (next != null) {
					break;
				}
				position = from;
			}
			if (next == null && position > start) {
				next = position;
			}
			if (next != null && next <= start) {
				next = null;
			}
			return new HistoryPage(List.copyOf(changes), scanned, (oldestTime == Long.MAX_VALUE) ? null : oldestTime,
					next);
		}

		/**
		 * Adds the entity's changes in [from, to), newest first; answers the cursor of the next page
		 * when the page fills up within them, else null.
		 */
		private @Nullable Long newestFirst(TopicPartition partition, long from, long to) {
			List<ConsumerRecord<String, byte[]>> entityRecords = new ArrayList<>();
			consumer.seek(partition, from);
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (consumer.position(partition) < to) {
				if (System.nanoTime() > deadline) {
					throw new HistoryUnavailableException("the change log did not answer within " + PATIENCE, null);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() >= to) {
						break;
					}
					scanned++;
					oldestTime = Math.min(oldestTime, record.timestamp());
					if (entity.equals(record.key())) {
						entityRecords.add(record);
					}
				}
			}
			for (int i = entityRecords.size() - 1; i >= 0; i--) {
				ConsumerRecord<String, byte[]> record = entityRecords.get(i);
				AppliedChange change = ChangeLog.parse(record);
				if (change != null && seen.add(change)) {
					changes.add(change);
					if (changes.size() == limit) {
						// every change of the entity since this one is on the page
						oldestTime = record.timestamp();
						return record.offset();
					}
				}
			}
			return null;
		}

		private @Nullable TopicPartition partitionOf(String key) {
			List<TopicPartition> partitions = ChangeLog.partitions(consumer);
			if (partitions.isEmpty()) {
				return null;
			}
			int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions.size());
			return new TopicPartition(AppliedChange.TOPIC, partition);
		}

	}

}
