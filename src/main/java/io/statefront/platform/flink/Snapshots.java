package io.statefront.platform.flink;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.FailedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint or savepoint taken on request, with its outcome as Flink records it. The answer to a
 * trigger can be lost on its way back (a REST timeout, an error in this JVM such as a full code
 * cache) while Flink took the checkpoint all the same, or failed to: then the job's checkpoint
 * statistics tell which. Only when they list none newer than those before the trigger was none taken.
 */
final class Snapshots {

	enum Kind {

		CHECKPOINT, SAVEPOINT;

		String named() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

	/**
	 * How long the statistics may take to list a checkpoint Flink has triggered: they are as old as
	 * the JobManager's {@code web.refresh-interval} (200 ms on the embedded cluster, 3 s by default).
	 */
	static final Duration LISTED_WITHIN = Duration.ofSeconds(10);

	private static final long POLL_MILLIS = 200;

	private Snapshots() {
	}

	/** A checkpoint of {@code job} now: its path, or what Flink says went wrong, within {@code limit}. */
	static CompletableFuture<String> checkpoint(RestClusterClient<?> client, JobID job, Duration limit) {
		return take(client, job, Kind.CHECKPOINT, limit, () -> client.triggerCheckpoint(job, CheckpointType.DEFAULT)
			.thenCompose(checkpoint -> JobQueries.completedPath(client, job, checkpoint)));
	}

	/** A canonical savepoint of {@code job} into {@code folder}, which goes on running; as {@link #checkpoint}. */
	static CompletableFuture<String> savepoint(RestClusterClient<?> client, JobID job, Path folder, Duration limit) {
		return take(client, job, Kind.SAVEPOINT, limit,
				() -> client.triggerSavepoint(job, folder.toString(), SavepointFormatType.CANONICAL));
	}

	/**
	 * Triggers one (through {@code trigger}) and completes with its path once it has completed;
	 * fails with what Flink says went wrong, or, if Flink lists none since, that none was taken.
	 *
	 * @param limit how long to wait for it to end; one still in progress then is reported as such
	 */
	static CompletableFuture<String> take(RestClusterClient<?> client, JobID job, Kind kind, Duration limit,
			Supplier<CompletableFuture<String>> trigger) {
		long newestBefore;
		try {
			newestBefore = newestId(JobQueries.checkpoints(client, job).get(10, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"Flink's checkpoint statistics did not answer (" + reason(ex) + "): no " + kind.named() + " was triggered"));
		}
		CompletableFuture<String> answer;
		try {
			answer = trigger.get();
		}
		catch (RuntimeException | Error ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		long listedBy = System.nanoTime() + LISTED_WITHIN.toNanos();
		long endsBy = System.nanoTime() + limit.toNanos();
		return answer.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
			.exceptionallyCompose(lost -> settle(client, job, kind, newestBefore, unwrap(lost), listedBy, endsBy));
	}

	/** What the statistics say of the first checkpoint of the kind after {@code newestBefore}. */
	private static CompletableFuture<String> settle(RestClusterClient<?> client, JobID job, Kind kind,
			long newestBefore, Throwable lost, long listedBy, long endsBy) {
		return JobQueries.checkpoints(client, job).handle((statistics, unanswered) -> statistics).thenCompose(statistics -> {
			Optional<CheckpointStatistics> taken = (statistics != null) ? statistics.getHistory()
				.stream()
				.filter(listed -> listed.getId() > newestBefore && listed.isSavepoint() == (kind == Kind.SAVEPOINT))
				.min(Comparator.comparingLong(CheckpointStatistics::getId)) : Optional.empty();
			long now = System.nanoTime();
			if (taken.isPresent() && taken.get() instanceof CompletedCheckpointStatistics completed) {
				log.warn("The answer to the {} of job {} was lost ({}); Flink's statistics show {} {} completed: {}",
						kind.named(), job, reason(lost), kind.named(), completed.getId(), completed.getExternalPath());
				return CompletableFuture.completedFuture(completed.getExternalPath());
			}
			if (taken.isPresent() && taken.get() instanceof FailedCheckpointStatistics failed) {
				return failure(lost, "Flink reports that " + kind.named() + " " + failed.getId() + " failed: "
						+ failed.getFailureMessage());
			}
			if (taken.isPresent() && now > endsBy) {
				return failure(lost, kind.named() + " " + taken.get().getId()
						+ " is still in progress; the history shows how it ends");
			}
			if (taken.isEmpty() && now > listedBy) {
				return failure(lost, "Flink took no " + kind.named() + " (" + reason(lost) + ")");
			}
			return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS))
				.thenCompose(again -> settle(client, job, kind, newestBefore, lost, listedBy, endsBy));
		});
	}

	/** The id of the newest checkpoint, savepoint or restore the statistics know of, -1 for none. */
	private static long newestId(CheckpointingStatistics statistics) {
		long newest = statistics.getHistory().stream().mapToLong(CheckpointStatistics::getId).max().orElse(-1);
		CheckpointingStatistics.LatestCheckpoints latest = statistics.getLatestCheckpoints();
		if (latest.getCompletedCheckpointStatistics() != null) {
			newest = Math.max(newest, latest.getCompletedCheckpointStatistics().getId());
		}
		if (latest.getSavepointStatistics() != null) {
			newest = Math.max(newest, latest.getSavepointStatistics().getId());
		}
		if (latest.getFailedCheckpointStatistics() != null) {
			newest = Math.max(newest, latest.getFailedCheckpointStatistics().getId());
		}
		if (latest.getRestoredCheckpointStatistics() != null) {
			newest = Math.max(newest, latest.getRestoredCheckpointStatistics().getId());
		}
		return newest;
	}

	/** The message is what an operator reads; the lost answer stays attached for the log. */
	private static CompletableFuture<String> failure(Throwable lost, String message) {
		IllegalStateException failure = new IllegalStateException(message);
		failure.addSuppressed(lost);
		return CompletableFuture.failedFuture(failure);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String reason(Throwable failure) {
		Throwable cause = unwrap(failure);
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
