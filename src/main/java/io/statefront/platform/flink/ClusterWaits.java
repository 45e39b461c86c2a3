package io.statefront.platform.flink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;

/** Waiting for a job to get where a start or a restart needs it. */
final class ClusterWaits {

	static final Duration WAIT = Duration.ofMinutes(3);

	private ClusterWaits() {
	}

	/** Cancels the job unless it has already ended (failed, say), and waits until it has. */
	static void stop(RestClusterClient<?> client, JobID id) throws Exception {
		if (!client.getJobStatus(id).get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
			client.cancel(id).get(30, TimeUnit.SECONDS);
			awaitStatus(client, id, JobStatus::isGloballyTerminalState);
		}
	}

	/** Waits until the job runs; gives up at once should it end instead. */
	static void awaitRunning(RestClusterClient<?> client, JobID id) throws Exception {
		awaitStatus(client, id, status -> {
			if (status.isGloballyTerminalState()) {
				throw new IllegalStateException("the job ended " + status + " instead of running");
			}
			return status == JobStatus.RUNNING;
		});
	}

	/**
	 * Waits until every task of the job runs, at most {@code limit}: a job is RUNNING before its
	 * tasks are, and a checkpoint needs them all.
	 */
	static void awaitTasksRunning(RestClusterClient<?> client, JobID id, Duration limit) throws Exception {
		awaitTasksRunning(client, id, limit, () -> false);
	}

	/** As {@link #awaitTasksRunning(RestClusterClient, JobID, Duration)}, but no longer once {@code givenUp}. */
	static void awaitTasksRunning(RestClusterClient<?> client, JobID id, Duration limit, BooleanSupplier givenUp)
			throws Exception {
		until("the tasks of job " + id + " run", limit,
				() -> givenUp.getAsBoolean() || JobQueries.tasksRunning(client, id).get(10, TimeUnit.SECONDS));
	}

	static void awaitStatus(RestClusterClient<?> client, JobID id, Predicate<JobStatus> wanted) throws Exception {
		until("job " + id + " reaches the wanted state", WAIT,
				() -> wanted.test(client.getJobStatus(id).get(10, TimeUnit.SECONDS)));
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

	private static void until(String what, Duration limit, Condition condition) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited " + limit + " in vain until " + what);
			}
			Thread.sleep(50);
		}
	}

}
