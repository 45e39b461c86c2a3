package io.statefront.platform.flink;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest known state of each job on one cluster, polled twice a second, so that every
 * request can ask whether its job runs without a round trip into Flink. One poller serves one
 * connection to the cluster: a restart of the runtime gets a new one, and nothing the old one
 * learns late can leak into it.
 */
final class JobStatusPoller {

	private static final long INTERVAL_MS = 500;

	private static final Logger log = LoggerFactory.getLogger(JobStatusPoller.class);

	private final ClusterClient<?> cluster;

	// read afresh on every poll: a job restarted from a checkpoint runs under a new id
	private final Supplier<Collection<FlinkRuntime.RunningJob>> jobs;

	private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();

	private final Listener listener;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "flink-job-status");
		thread.setDaemon(true);
		return thread;
	});

	/** Told every state read, on the thread that read it. */
	interface Listener {

		void polled(FlinkRuntime.RunningJob job, JobStatus status);

	}

	JobStatusPoller(ClusterClient<?> cluster, Supplier<Collection<FlinkRuntime.RunningJob>> jobs, Listener listener) {
		this.cluster = cluster;
		this.jobs = jobs;
		this.listener = listener;
		executor.scheduleWithFixedDelay(this::refresh, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
	}

	void refresh() {
		for (FlinkRuntime.RunningJob job : jobs.get()) {
			try {
				JobStatus status = cluster.getJobStatus(job.id()).get(5, TimeUnit.SECONDS);
				if (statuses.put(job.name(), status) != status) {
					log.info("Flink job '{}' is {}", job.name(), status);
				}
				listener.polled(job, status);
			}
			catch (Exception ex) {
				statuses.remove(job.name());
			}
		}
	}

	/** The job's state, or null when it is not known (not submitted, or not answering). */
	JobStatus status(String job) {
		return statuses.get(job);
	}

	void stop() {
		executor.shutdownNow();
		try {
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return statuses.toString();
	}

	/**
	 * Until every job runs, or was stopped with a reason (it then waits for the operator): its state
	 * RUNNING and then every task running, as a job runs before its tasks do and only then can a
	 * checkpoint be taken.
	 */
	void awaitRunning(RestClusterClient<?> client, Predicate<String> stopped, Duration wait) throws Exception {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!jobs.get()
			.stream()
			.allMatch(job -> status(job.name()) == JobStatus.RUNNING || stopped.test(job.name()))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Flink jobs not running after " + wait + ": " + this);
			}
			refresh();
			Thread.sleep(50);
		}
		for (FlinkRuntime.RunningJob job : jobs.get()) {
			ClusterWaits.awaitTasksRunning(client, job.id(), wait, () -> stopped.test(job.name()));
		}
		log.info("Flink jobs: {}", this);
	}

}
