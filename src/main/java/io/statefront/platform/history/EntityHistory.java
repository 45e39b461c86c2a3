package io.statefront.platform.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(EntityHistory.class);

	/** The most changes one page may ask for. */
	public static final int MOST_CHANGES = 500;

	/** Records read per chunk: what one read holds in memory at most, with its page. */
	static final int CHUNK = 2_000;

	/** Records one page looks at, at most: about 15 MB of the log read at 150 bytes a change. */
	static final int SCAN_BUDGET = 100_000;

	private static final int CONCURRENT_READS = 2;

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ConsumerFactory<String, byte[]> consumers;

	private final Semaphore reads = new Semaphore(CONCURRENT_READS);

	private final AtomicLong readers = new AtomicLong();

	public EntityHistory(ConsumerFactory<String, byte[]> consumers) {
		this.consumers = consumers;
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
		acquire();
		// a client id of its own: two with one id would clash in JMX
		try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "statefront-entity-history-",
				Long.toString(readers.incrementAndGet()), settings())) {
			return new Walk(consumer, entity, limit).from(before);
		}
		catch (KafkaException ex) {
			throw new HistoryUnavailableException("the change log cannot be read just now (" + ex.getMessage() + ")",
					ex);
		}
		finally {
			reads.release();
		}
	}

	private void acquire() {
		try {
			if (!reads.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new HistoryUnavailableException("other history reads are under way", null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HistoryUnavailableException("interrupted", ex);
		}
	}

	private static Properties settings() {
		Properties settings = new Properties();
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(CHUNK));
		settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1 << 20));
		settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(1 << 20));
		settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(PATIENCE.toMillis()));
		settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(PATIENCE.toMillis()));
		return settings;
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
				AppliedChange change = parse(record);
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

		private static @Nullable AppliedChange parse(ConsumerRecord<String, byte[]> record) {
			try {
				return Json.read(record.value(), AppliedChange.class);
			}
			catch (RuntimeException ex) {
				log.warn("Skipping record {} of {}: not an applied change ({})", record.offset(), record.partition(),
						ex.getMessage());
				return null;
			}
		}

		private @Nullable TopicPartition partitionOf(String key) {
			List<PartitionInfo> partitions = consumer.partitionsFor(AppliedChange.TOPIC);
			if (partitions == null || partitions.isEmpty()) {
				return null;
			}
			int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions.size());
			return new TopicPartition(AppliedChange.TOPIC, partition);
		}

	}

}
