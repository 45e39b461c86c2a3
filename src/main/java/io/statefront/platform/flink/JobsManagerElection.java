package io.statefront.platform.flink;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of several application instances manages the Flink jobs: the one Kafka's group coordinator
 * gives the single partition of {@value #TOPIC} to, as the instances are members of one consumer
 * group subscribed to it. Nothing is ever written to or read from the topic; the group is the
 * election. When the manager stops it leaves the group, and another member gets the partition at
 * once; when it dies, once its session has expired ({@code sessionTimeout}).
 *
 * <p>{@code Listener} is told on a thread of its own, one call at a time, so that taking over the
 * jobs (which may take a minute) never holds up the heartbeats that keep this member in the group.
 */
final class JobsManagerElection implements AutoCloseable {

	static final String TOPIC = "statefront-jobs-manager";

	static final String GROUP = "statefront-jobs-manager";

	private static final Logger log = LoggerFactory.getLogger(JobsManagerElection.class);

	private static final TopicPartition SEAT = new TopicPartition(TOPIC, 0);

	interface Listener {

		/** This instance now manages the jobs. */
		void elected();

		/** This instance no longer does (another may already). */
		void deposed();

	}

	private final KafkaConsumer<byte[], byte[]> member;

	private final Listener listener;

	private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "flink-jobs-manager");
		thread.setDaemon(true);
		return thread;
	});

	private final Thread polling;

	private volatile boolean elected;

	private volatile boolean closing;

	private JobsManagerElection(Map<String, Object> config, Listener listener) {
		this.member = new KafkaConsumer<>(config);
		this.listener = listener;
		this.polling = new Thread(this::poll, "flink-jobs-manager-election");
		this.polling.setDaemon(true);
	}

	/** Joins the election as {@code instance} (a name for the log and Kafka's tools). */
	static JobsManagerElection join(String bootstrapServers, String instance, Duration sessionTimeout,
			Listener listener) {
		createTopic(bootstrapServers);
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.CLIENT_ID_CONFIG, "jobs-manager-" + instance,
				ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
				ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 4),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		JobsManagerElection election = new JobsManagerElection(config, listener);
		election.polling.start();
		return election;
	}

	boolean elected() {
		return elected;
	}

	private void poll() {
		try {
			member.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {

				@Override
				public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
					if (partitions.contains(SEAT) && !elected) {
						elected = true;
						log.info("This instance manages the Flink jobs now");
						calls.execute(listener::elected);
					}
				}

				@Override
				public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
					depose(partitions);
				}

				@Override
				public void onPartitionsLost(Collection<TopicPartition> partitions) {
					depose(partitions);
				}

			});
			while (!closing) {
				member.poll(Duration.ofMillis(500));
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			log.error("The election of the Flink jobs' manager stopped; this instance manages no jobs", ex);
			depose(List.of(SEAT));
		}
		finally {
			// leaving the group hands the seat on at once, not after a session timeout
			member.close(Duration.ofSeconds(10));
		}
	}

	private void depose(Collection<TopicPartition> partitions) {
		if (partitions.contains(SEAT) && elected) {
			elected = false;
			log.info("This instance no longer manages the Flink jobs");
			calls.execute(listener::deposed);
		}
	}

	private static void createTopic(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create the topic " + TOPIC, ex.getCause());
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create the topic " + TOPIC, ex);
		}
	}

	/** Leaves the election; a manager is deposed first, on the listener's thread. */
	@Override
	public void close() {
		if (closing) {
			return;
		}
		closing = true;
		member.wakeup();
		try {
			polling.join(15_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		calls.shutdown();
		try {
			calls.awaitTermination(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
