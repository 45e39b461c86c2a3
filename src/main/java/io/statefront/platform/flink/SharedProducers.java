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
 *
 * <p>A producer that failed a record is leased no more. Flink restarts only the failed task's part
 * of a job (its pipelined region: the functions job has one per function), so the other writers may
 * hold the producer on; a restarted writer gets a new one rather than one that may fail again.
 */
final class SharedProducers {

	private record Key(JobID job, Map<String, String> settings) {
	}

	private static final class Shared {

		final Key key;

		final Producer<byte[], byte[]> producer;

		int writers;

		Shared(Key key) {
			this.key = key;
			this.producer = new KafkaProducer<>(new HashMap<>(key.settings()), new ByteArraySerializer(),
					new ByteArraySerializer());
		}

	}

	/** The producers leased out to new writers. */
	private static final Map<Key, Shared> LEASED = new HashMap<>();

	private SharedProducers() {
	}

	/** The job's producer of these settings, opened if none is leased; {@link Lease#release()} when done. */
	static Lease lease(JobID job, Map<String, String> settings) {
		synchronized (LEASED) {
			Shared shared = LEASED.computeIfAbsent(new Key(job, settings), Shared::new);
			shared.writers++;
			return new Lease(shared);
		}
	}

	/** How many producers {@code job} leases out, for tests. */
	static long leased(JobID job) {
		synchronized (LEASED) {
			return LEASED.keySet().stream().filter(key -> key.job().equals(job)).count();
		}
	}

	/** One writer's hold on a shared producer. */
	static final class Lease {

		private final Shared shared;

		private boolean released;

		private Lease(Shared shared) {
			this.shared = shared;
		}

		Producer<byte[], byte[]> get() {
			return shared.producer;
		}

		/** Leases the producer to no new writer: it failed a record. */
		void retire() {
			synchronized (LEASED) {
				LEASED.remove(shared.key, shared);
			}
		}

		/**
		 * Gives the producer up; the last writer closes it without waiting for what is still unsent:
		 * its job is stopping or restarting, and a restart sends again whatever came after its last
		 * checkpoint (a checkpoint waits for all sent before it).
		 */
		void release() {
			synchronized (LEASED) {
				if (released) {
					return;
				}
				released = true;
				if (--shared.writers == 0) {
					LEASED.remove(shared.key, shared);
					shared.producer.close(Duration.ZERO);
				}
			}
		}

	}

}
