package io.statefront.platform.flink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producers {@link SharedProducerSink}'s writers share: one per job and settings in this
 * JVM (on a Flink cluster, in each TaskManager), opened by its first writer and closed by its last.
 * Kafka's producer is safe to use from many threads, here the tasks of one job.
 */
final class SharedProducers {

	private record Key(JobID job, Map<String, String> settings) {
	}

	private static final class Shared {

		final Producer<byte[], byte[]> producer;

		int writers;

		Shared(Map<String, String> settings) {
			this.producer = new KafkaProducer<>(new HashMap<>(settings), new ByteArraySerializer(),
					new ByteArraySerializer());
		}

	}

	private static final Map<Key, Shared> OPEN = new HashMap<>();

	private SharedProducers() {
	}

	/** The job's producer of these settings, opened if no writer holds it; {@link Lease#release()} when done. */
	static Lease lease(JobID job, Map<String, String> settings) {
		Key key = new Key(job, settings);
		synchronized (OPEN) {
			Shared shared = OPEN.computeIfAbsent(key, unused -> new Shared(settings));
			shared.writers++;
			return new Lease(key, shared.producer);
		}
	}

	/** How many producers {@code job} has open, for tests. */
	static long open(JobID job) {
		synchronized (OPEN) {
			return OPEN.keySet().stream().filter(key -> key.job().equals(job)).count();
		}
	}

	/** One writer's hold on a shared producer. */
	static final class Lease {

		private final Key key;

		private final Producer<byte[], byte[]> producer;

		private boolean released;

		private Lease(Key key, Producer<byte[], byte[]> producer) {
			this.key = key;
			this.producer = producer;
		}

		Producer<byte[], byte[]> get() {
			return producer;
		}

		/**
		 * Gives the producer up; the last writer closes it without waiting for what is still unsent:
		 * its job is stopping, and a restart sends again whatever came after its last checkpoint.
		 */
		void release() {
			synchronized (OPEN) {
				if (released) {
					return;
				}
				released = true;
				Shared shared = OPEN.get(key);
				if (shared != null && shared.producer == producer && --shared.writers == 0) {
					OPEN.remove(key);
					producer.close(Duration.ZERO);
				}
			}
		}

	}

}
