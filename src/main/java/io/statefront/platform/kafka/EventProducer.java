package io.statefront.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The producer of events: what visitors do, real or simulated (analytics events, shop events). It
 * is not the producer that carries commands about money and stock (the gateway's): it has its own
 * buffer, connections and I/O thread, and settings of its own, so that a slow or missing event
 * topic, or a burst of events, never delays a command waiting in the other producer's buffer.
 *
 * <p>An event is worth less than the page that causes it: one Kafka cannot take within
 * {@value #MAX_BLOCK_MS} ms (its buffer full, the topic's leader unknown) fails at once instead of
 * holding the request's thread, and its sender counts it. Events wait up to {@value #LINGER_MS} ms
 * to travel in batches, which commands never do.
 */
@Component
public class EventProducer implements DisposableBean {

	static final int MAX_BLOCK_MS = 100;

	static final int LINGER_MS = 5;

	static final long BUFFER_BYTES = 16L * 1024 * 1024;

	private final DefaultKafkaProducerFactory<String, byte[]> factory;

	private final KafkaTemplate<String, byte[]> template;

	EventProducer(ProducerFactory<String, byte[]> commands, MeterRegistry meters) {
		// the connection, security and serializers of the application's producer; the rest its own
		Map<String, Object> config = new HashMap<>(commands.getConfigurationProperties());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "statefront-events");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
		config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.factory = new DefaultKafkaProducerFactory<>(config);
		this.factory.addListener(new MicrometerProducerListener<>(meters));
		this.template = new KafkaTemplate<>(factory);
		this.template.setProducerListener(new DroppedEventsLog());
	}

	/**
	 * Waits, up to {@code limit}, until the producer knows where {@code topics} live: a send before
	 * that waits {@value #MAX_BLOCK_MS} ms at most and fails, which a sender starting with the
	 * application would otherwise do with its first events.
	 */
	public void awaitTopics(Duration limit, String... topics) {
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			for (String topic : topics) {
				while (!knows(topic) && System.nanoTime() < deadline) {
					TimeUnit.MILLISECONDS.sleep(MAX_BLOCK_MS);
				}
			}
		}
		catch (InterruptedException stopped) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean knows(String topic) {
		try {
			template.partitionsFor(topic);
			return true;
		}
		catch (RuntimeException notYet) {
			return false; // each try waited up to MAX_BLOCK_MS for the topic's metadata
		}
	}

	/** Hands {@code value} to Kafka; completes when Kafka has it, or fails, never throwing. */
	public CompletableFuture<Void> send(String topic, String key, byte[] value) {
		try {
			return template.send(topic, key, value).thenApply(sent -> null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void destroy() {
		factory.destroy();
	}

}
