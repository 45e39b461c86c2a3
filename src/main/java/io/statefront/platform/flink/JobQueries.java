package io.statefront.platform.flink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobVertexIdPathParameter;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.MessagePathParameter;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointIdPathParameter;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatisticDetailsHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointStatisticsWithSubtaskDetails;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.jspecify.annotations.Nullable;

/**
 * What a cluster's REST API tells of a job beyond what {@code ClusterClient} asks: its tasks, and
 * its checkpoint statistics. The answers may be as old as the JobManager's
 * {@code web.refresh-interval} (3 s by default; 200 ms on the embedded cluster).
 */
final class JobQueries {

	private JobQueries() {
	}

	/** Whether every task of the job runs: a job is RUNNING before its tasks are, and a checkpoint needs them all. */
	static CompletableFuture<Boolean> tasksRunning(RestClusterClient<?> client, JobID job) {
		return client.getJobDetails(job)
			.thenApply(details -> details.getJobVertexInfos()
				.stream()
				.allMatch(vertex -> vertex.getExecutionState() == ExecutionState.RUNNING));
	}

	/**
	 * The stack traces of the job's latest failure (the newest entry of its exception history, with
	 * the failures that came with it), newest first; empty when it has not failed.
	 */
	static CompletableFuture<List<String>> latestFailure(RestClusterClient<?> client, JobID job) {
		JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
		parameters.jobPathParameter.resolve(job);
		return client.sendRequest(JobExceptionsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
			.thenApply(exceptions -> exceptions.getExceptionHistory().getEntries().stream().findFirst().map(latest -> {
				List<String> traces = new ArrayList<>();
				traces.add(latest.getStacktrace());
				latest.getConcurrentExceptions().forEach(concurrent -> traces.add(concurrent.getStacktrace()));
				return traces;
			}).orElse(List.of()));
	}

	/** The job's checkpoint counts, latest restore, and the checkpoints it remembers, newest first. */
	static CompletableFuture<CheckpointingStatistics> checkpoints(RestClusterClient<?> client, JobID job) {
		JobMessageParameters parameters = new JobMessageParameters();
		parameters.jobPathParameter.resolve(job);
		return client.sendRequest(CheckpointingStatisticsHeaders.getInstance(), parameters,
				EmptyRequestBody.getInstance());
	}

	/** One checkpoint, with what each task acknowledged for it. */
	static CompletableFuture<CheckpointStatistics> checkpoint(RestClusterClient<?> client, JobID job, long checkpoint) {
		CheckpointMessageParameters parameters = new CheckpointMessageParameters();
		resolve(parameters, JobIDPathParameter.KEY, job);
		resolve(parameters, CheckpointIdPathParameter.KEY, checkpoint);
		return client.sendRequest(CheckpointStatisticDetailsHeaders.getInstance(), parameters,
				EmptyRequestBody.getInstance());
	}

	/** What the subtasks of one task did for one checkpoint: synchronous and asynchronous parts, alignment. */
	static CompletableFuture<TaskCheckpointStatisticsWithSubtaskDetails> taskCheckpoint(RestClusterClient<?> client,
			JobID job, long checkpoint, JobVertexID task) {
		TaskCheckpointMessageParameters parameters = new TaskCheckpointMessageParameters();
		resolve(parameters, JobIDPathParameter.KEY, job);
		resolve(parameters, CheckpointIdPathParameter.KEY, checkpoint);
		resolve(parameters, JobVertexIdPathParameter.KEY, task);
		return client.sendRequest(TaskCheckpointStatisticsHeaders.getInstance(), parameters,
				EmptyRequestBody.getInstance());
	}

	/**
	 * The path of a checkpoint that has completed, once the job's checkpoint overview lists it as
	 * completed. The history reads that overview, which is cached apart from each checkpoint's
	 * details: a history refreshed after this completes finds the checkpoint.
	 */
	static CompletableFuture<String> completedPath(RestClusterClient<?> client, JobID job, long checkpoint) {
		return completedPath(client, job, checkpoint, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
	}

	private static CompletableFuture<String> completedPath(RestClusterClient<?> client, JobID job, long checkpoint,
			long deadline) {
		return checkpoints(client, job).handle((overview, error) -> overview).thenCompose(overview -> {
			if (overview != null && listsOnlyNewer(overview, checkpoint)) {
				// newer checkpoints pushed it out of the overview (it keeps the last few): its details still tell
				return checkpoint(client, job, checkpoint).thenApply(JobQueries::externalPath);
			}
			return CompletableFuture.completedFuture((overview != null) ? listedPath(overview, checkpoint) : null);
		}).handle((path, error) -> path).thenCompose(path -> {
			if (path != null) {
				return CompletableFuture.completedFuture(path);
			}
			if (System.nanoTime() > deadline) {
				return CompletableFuture.failedFuture(new IllegalStateException(
						"Checkpoint " + checkpoint + " of job " + job + " completed, but its statistics do not show it"));
			}
			return CompletableFuture
				.supplyAsync(() -> null, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
				.thenCompose(retry -> completedPath(client, job, checkpoint, deadline));
		});
	}

	private static boolean listsOnlyNewer(CheckpointingStatistics overview, long checkpoint) {
		return !overview.getHistory().isEmpty()
				&& overview.getHistory().stream().allMatch(listed -> listed.getId() > checkpoint);
	}

	private static @Nullable String listedPath(CheckpointingStatistics overview, long checkpoint) {
		return overview.getHistory()
			.stream()
			.filter(listed -> listed.getId() == checkpoint)
			.findFirst()
			.map(JobQueries::externalPath)
			.orElse(null);
	}

	private static @Nullable String externalPath(CheckpointStatistics statistics) {
		return (statistics instanceof CheckpointStatistics.CompletedCheckpointStatistics completed)
				? completed.getExternalPath() : null;
	}

	@SuppressWarnings("unchecked")
	private static <T> void resolve(MessageParameters parameters, String key, T value) {
		for (MessagePathParameter<?> parameter : parameters.getPathParameters()) {
			if (parameter.getKey().equals(key)) {
				((MessagePathParameter<T>) parameter).resolve(value);
				return;
			}
		}
		throw new IllegalArgumentException("No path parameter " + key + " in " + parameters.getClass().getSimpleName());
	}

	/** Since when the job runs, as its JobManager says; empty if it does not. */
	static CompletableFuture<Optional<Instant>> runningSince(RestClusterClient<?> client, JobID job) {
		return client.getJobDetails(job).thenApply(details -> {
			Long since = details.getTimestamps().get(JobStatus.RUNNING);
			return (details.getJobStatus() == JobStatus.RUNNING && since != null && since > 0)
					? Optional.of(Instant.ofEpochMilli(since)) : Optional.<Instant>empty();
		});
	}

	/** The answer, if it comes within {@code seconds}; empty if it does not, or is a failure. */
	static <T> Optional<T> answerWithin(CompletableFuture<T> answer, int seconds) {
		try {
			return Optional.of(answer.get(seconds, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

}
