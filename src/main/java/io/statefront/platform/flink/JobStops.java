package io.statefront.platform.flink;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops jobs with a savepoint each, which the next start resumes from (windows are not fired
 * early: event time goes on where it stopped); a job that cannot take one is cancelled, and the
 * next start resumes from its latest checkpoint. Savepoints are canonical, so they restore into
 * either state backend.
 */
final class JobStops {

	private static final Logger log = LoggerFactory.getLogger(JobStops.class);

	private static final int SAVEPOINT_WAIT_SECONDS = 60;

	private final RestClusterClient<String> client;

	/** Where a job's on-stop savepoints go. */
	private final Function<String, Path> onStopSavepoints;

	JobStops(RestClusterClient<String> client, Function<String, Path> onStopSavepoints) {
		this.client = client;
		this.onStopSavepoints = onStopSavepoints;
	}

	/**
	 * Jobs of an earlier run of the application that still run on a remote cluster (it was killed,
	 * the cluster was not) are stopped with a savepoint, which this run resumes from: never two
	 * jobs of one name applying the same commands.
	 */
	void stopLeftovers(Set<String> jobNames) throws Exception {
		for (JobStatusMessage job : client.listJobs().get(30, TimeUnit.SECONDS)) {
			if (jobNames.contains(job.getJobName()) && !job.getJobState().isGloballyTerminalState()) {
				log.warn("Flink job '{}' ({}) still runs on the cluster from an earlier run; stopping it",
						job.getJobName(), job.getJobId());
				FlinkRuntime.RunningJob leftover = new FlinkRuntime.RunningJob(job.getJobName(), job.getJobId(),
						Optional.empty(), 0);
				awaitStopped(leftover, requestStop(leftover));
				ClusterWaits.awaitStatus(client, job.getJobId(), JobStatus::isGloballyTerminalState);
			}
		}
	}

	/**
	 * Stops the jobs side by side, so that the stop takes as long as the slowest savepoint, not all
	 * of them together; returns once every one has stopped or been cancelled.
	 */
	void stopAll(Collection<FlinkRuntime.RunningJob> jobs) {
		Map<FlinkRuntime.RunningJob, CompletableFuture<String>> stopping = new LinkedHashMap<>();
		jobs.forEach(job -> stopping.put(job, requestStop(job)));
		stopping.forEach(this::awaitStopped);
	}

	private CompletableFuture<String> requestStop(FlinkRuntime.RunningJob job) {
		try {
			return client.stopWithSavepoint(job.id(), false, onStopSavepoints.apply(job.name()).toString(),
					SavepointFormatType.CANONICAL);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void awaitStopped(FlinkRuntime.RunningJob job, CompletableFuture<String> stopped) {
		try {
			String savepoint = stopped.get(SAVEPOINT_WAIT_SECONDS, TimeUnit.SECONDS);
			log.info("Stopped Flink job '{}' with savepoint {}", job.name(), savepoint);
		}
		catch (Exception ex) {
			log.warn("Flink job '{}' took no savepoint ({}); cancelling it: the next start resumes from its latest "
					+ "checkpoint", job.name(), ex.toString());
			try {
				client.cancel(job.id()).get(10, TimeUnit.SECONDS);
			}
			catch (Exception cancelFailed) {
				log.warn("Cancelling Flink job '{}' failed: {}", job.name(), cancelFailed.toString());
			}
		}
	}

}
