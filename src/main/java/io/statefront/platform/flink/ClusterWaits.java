package io.statefront.platform.flink;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
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

	/** A job is RUNNING before all its tasks are, and a checkpoint needs them all. */
	static void checkpointOnceTasksRun(MiniCluster cluster, JobID id) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			try {
				cluster.triggerCheckpoint(id).get(60, TimeUnit.SECONDS);
				return;
			}
			catch (ExecutionException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
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

	/** Waits until every task of the job runs. */
	static void awaitTasksRunning(MiniCluster cluster, JobID id) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!cluster.getExecutionGraph(id).get(10, TimeUnit.SECONDS).getAllVertices().values().stream()
			.allMatch(vertex -> vertex.getAggregateState() == ExecutionState.RUNNING)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The tasks of job " + id + " are not all running after " + WAIT);
			}
			Thread.sleep(50);
		}
	}

	static void awaitStatus(MiniCluster cluster, JobID id, Predicate<JobStatus> wanted) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!wanted.test(cluster.getJobStatus(id).get(10, TimeUnit.SECONDS))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Job " + id + " did not reach the wanted state in " + WAIT);
			}
			Thread.sleep(50);
		}
	}

}
