package io.statefront.platform.flink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** Waiting for a job of the in-process cluster to get where a restart needs it. */
final class ClusterWaits {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private ClusterWaits() {
	}

	/** Cancels the job unless it has already ended (failed, say), and waits until it has. */
	static void stop(MiniCluster cluster, JobID id) throws Exception {
		if (!cluster.getJobStatus(id).get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
			cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
			awaitStatus(cluster, id, JobStatus::isGloballyTerminalState);
		}
	}

	/** Waits until the job runs; gives up at once should it end instead. */
	static void awaitRunning(MiniCluster cluster, JobID id) throws Exception {
		awaitStatus(cluster, id, status -> {
			if (status.isGloballyTerminalState()) {
				throw new IllegalStateException("the job ended " + status + " instead of running");
			}
			return status == JobStatus.RUNNING;
		});
	}

	/**
	 * Waits until every task of the job runs: a job is RUNNING before its tasks are, and a
	 * checkpoint needs them all.
	 */
	static void awaitTasksRunning(MiniCluster cluster, JobID id) throws Exception {
		until("the tasks of job " + id + " run", () -> cluster.getExecutionGraph(id)
			.get(10, TimeUnit.SECONDS)
			.getAllVertices()
			.values()
			.stream()
			.allMatch(vertex -> vertex.getAggregateState() == ExecutionState.RUNNING));
	}

	static void awaitStatus(MiniCluster cluster, JobID id, Predicate<JobStatus> wanted) throws Exception {
		until("job " + id + " reaches the wanted state",
				() -> wanted.test(cluster.getJobStatus(id).get(10, TimeUnit.SECONDS)));
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

	private static void until(String what, Condition condition) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited " + WAIT + " in vain until " + what);
			}
			Thread.sleep(50);
		}
	}

}
