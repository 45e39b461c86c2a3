package io.statefront.platform.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings for readers nobody waits on: views kept current for pages (the live stock
 * levels), the order archive, the analytics job's windows of the shop's records. A consumer's fetch
 * is answered as soon as one record is there (Kafka's default), so at the shop's rates each
 * such reader made a fetch for nearly every record, each one a request the broker handles and a
 * wake-up of the reader. With these settings a fetch waits until {@value #MIN_BYTES} bytes are
 * there or {@value #MAX_WAIT_MS} ms have passed: a few fetches a second, and a record reaches the
 * reader at most that much later. A reader behind the log is not slowed: its fetches find the
 * bytes at once.
 */
public final class BatchedFetches {

	public static final int MAX_WAIT_MS = 200;

	public static final int MIN_BYTES = 64 * 1024;

	/** As {@code key=value} pairs for {@code @KafkaListener(properties = ...)}. */
	public static final String MAX_WAIT_PROPERTY = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG + "=" + MAX_WAIT_MS;

	public static final String MIN_BYTES_PROPERTY = ConsumerConfig.FETCH_MIN_BYTES_CONFIG + "=" + MIN_BYTES;

	private BatchedFetches() {
	}

	/** The settings as consumer properties. */
	public static Map<String, String> settings() {
		return Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(MAX_WAIT_MS),
				ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(MIN_BYTES));
	}

}
