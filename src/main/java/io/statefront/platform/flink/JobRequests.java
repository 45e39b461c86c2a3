package io.statefront.platform.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;

import org.springframework.stereotype.Component;

/**
 * What an operator asks of a running job through its cluster's REST API: a checkpoint or a
 * savepoint now, its state as Flink answers it now, since when it runs. Each request goes to the
 * run the {@link FlinkRuntime} submitted, and fails at once when the job is not running here.
 */
@Component
public class JobRequests {

	/** How long a checkpoint taken on request may take before it is reported as still in progress. */
	public static final Duration CHECKPOINT_WAIT = Duration.ofMinutes(1);

	/** How long a savepoint taken on request may take before it is reported as still in progress. */
	public static final Duration SAVEPOINT_WAIT = Duration.ofMinutes(2);

	private final FlinkRuntime runtime;

	JobRequests(FlinkRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Triggers a checkpoint of the named job now; completes with the checkpoint's path, or fails with
	 * what Flink says went wrong (see {@link Snapshots}), within {@link #CHECKPOINT_WAIT}.
	 */
	public CompletableFuture<String> triggerCheckpoint(String job) {
		return ask(job, (client, id) -> Snapshots.checkpoint(client, id, CHECKPOINT_WAIT));
	}

	/**
	 * Takes a savepoint of the named job, which keeps running; completes with the savepoint's path,
	 * or fails with what Flink says went wrong (see {@link Snapshots}), within {@link #SAVEPOINT_WAIT}.
	 */
	public CompletableFuture<String> triggerSavepoint(String job) {
		return ask(job, (client, id) -> Snapshots.savepoint(client, id, runtime.savepoints(job), SAVEPOINT_WAIT));
	}

	/** The named job's state as Flink answers now, rather than as last polled; empty when it does not answer. */
	public Optional<JobStatus> currentStatus(String job) {
		return JobQueries.answerWithin(ask(job, RestClusterClient::getJobStatus), 10);
	}

	/** Since when the named job runs, as its JobManager says; empty if it does not. */
	public CompletableFuture<Optional<Instant>> runningSince(String job) {
		return ask(job, JobQueries::runningSince);
	}

	private <T> CompletableFuture<T> ask(String job,
			BiFunction<RestClusterClient<String>, JobID, CompletableFuture<T>> question) {
		FlinkCluster current = runtime.cluster();
		FlinkRuntime.RunningJob running = runtime.running(job);
		if (current == null || running == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("The '" + job + "' job is not running"));
		}
		return question.apply(current.client(), running.id());
	}

}
