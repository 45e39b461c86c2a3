package io.statefront.platform.history;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The applied-change log as its readers open it: each read with a consumer of its own, assigned to
 * the partitions it reads (no group to join or rebalance), polling at most {@value #CHUNK} records
 * at a time, and at most {@value #CONCURRENT_READS} reads at once, whoever asks.
 */
@Component
class ChangeLog {

	private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);

	/** Records one poll returns at most. */
	static final int CHUNK = 2_000;

	static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final int CONCURRENT_READS = 2;

	private final ConsumerFactory<String, byte[]> consumers;

	private final Semaphore reads = new Semaphore(CONCURRENT_READS);

	private final AtomicLong readers = new AtomicLong();

	ChangeLog(ConsumerFactory<String, byte[]> consumers) {
		this.consumers = consumers;
	}

	/**
	 * What {@code reading} makes of the log with a consumer of its own.
	 *
	 * @throws HistoryUnavailableException when the log cannot be read now
	 */
	<T> T read(Function<Consumer<String, byte[]>, T> reading) {
		acquire();
		// a client id of its own: two with one id would clash in JMX
		try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "statefront-entity-history-",
				Long.toString(readers.incrementAndGet()), settings())) {
			return reading.apply(consumer);
		}
		catch (KafkaException ex) {
			throw new HistoryUnavailableException("the change log cannot be read just now (" + ex.getMessage() + ")",
					ex);
		}
		finally {
			reads.release();
		}
	}

	/** The log's partitions; none when the functions keep no log ({@code statefront.flink.applied-change-log}). */
	static List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
		List<PartitionInfo> partitions = consumer.partitionsFor(AppliedChange.TOPIC);
		if (partitions == null) {
			return List.of();
		}
		return partitions.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
	}

	static @Nullable AppliedChange parse(ConsumerRecord<String, byte[]> record) {
		try {
			return Json.read(record.value(), AppliedChange.class);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping record {} of {}: not an applied change ({})", record.offset(), record.partition(),
					ex.getMessage());
			return null;
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

}
