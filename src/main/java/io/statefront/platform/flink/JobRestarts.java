package io.statefront.platform.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a job from a checkpoint or savepoint an operator chose, or with another parallelism.
 * One at a time; another asked for meanwhile is refused.
 */
final class JobRestarts {

	private static final Logger log = LoggerFactory.getLogger(JobRestarts.class);

	// a rescaled job whose tasks do not all run by then (short of slots, say) goes back to its old parallelism
	private static final Duration RESCALED_TASKS_WAIT = Duration.ofMinutes(1);

	private final FlinkRuntime flink;

	private final OutageGuard outageGuard;

	private final ReentrantLock restarting = new ReentrantLock();

	JobRestarts(FlinkRuntime flink, OutageGuard outageGuard) {
		this.flink = flink;
		this.outageGuard = outageGuard;
	}

	/**
	 * Cancels the named job (unless it has already failed) and starts it again from
	 * {@code restorePoint}, one of its {@link FlinkRuntime#restorePoints(String) restore points};
	 * requests to it are refused (503) meanwhile. Once it runs, a checkpoint is taken at once, so that a crash
	 * afterwards resumes from the chosen state rather than from a newer checkpoint of the run before.
	 * Should it not start from there, it is started from its latest checkpoint: never left down;
	 * unless its command log no longer holds the offsets it restored ({@link FlinkRuntime#stopReason}):
	 * then it stays stopped with that reason, which this throws. A point older than the saga records'
	 * horizon is refused before anything stops ({@link OutageGuard}).
	 */
	Restart restart(String job, String restorePoint) {
		lock();
		try {
			FlinkCluster cluster = flink.cluster();
			FlinkRuntime.RunningJob running = running(job, cluster);
			RestClusterClient<String> client = cluster.client();
			RestorePoint chosen = flink.restorePoints(job)
				.stream()
				.filter(point -> point.path().equals(restorePoint))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						restorePoint + " is not a retained checkpoint or savepoint of " + job));
			Optional<String> outlived = outageGuard.refusal(job, chosen, Instant.now());
			if (outlived.isPresent()) {
				throw new IllegalArgumentException(outlived.get());
			}
			log.info("Restarting Flink job '{}' from {}", job, restorePoint);
			ClusterWaits.stop(client, running.id());
			// checkpoints go on being taken, and old ones subsumed, until the job has stopped
			if (!isRestorePoint(job, restorePoint)) {
				resumeFromLatest(job);
				throw new IllegalStateException(restorePoint + " was subsumed by newer checkpoints before " + job
						+ " stopped; it runs again from its latest checkpoint");
			}
			FlinkRuntime.RunningJob restarted;
			try {
				restarted = start(client, job, Optional.of(restorePoint), running.parallelism());
			}
			catch (Exception ex) {
				stopQuietly(client, job);
				Optional<String> refused = flink.stopReason(job);
				if (refused.isPresent()) {
					// its latest checkpoint would not do better than the one chosen: the operator chooses again
					throw new IllegalStateException(refused.get(), ex);
				}
				resumeFromLatest(job);
				throw new IllegalStateException("Cannot start " + job + " from " + restorePoint + " (" + ex.getMessage()
						+ "); it runs again from its latest checkpoint", ex);
			}
			try {
				ClusterWaits.awaitTasksRunning(client, restarted.id(), ClusterWaits.WAIT,
						() -> flink.stopReason(job).isPresent());
			}
			catch (Exception ex) {
				log.warn("Job '{}' restarted from {}, but its tasks do not run: {}", job, restorePoint, ex.toString());
				return new Restart(restarted, false);
			}
			Optional<String> stopped = flink.stopReason(job);
			if (stopped.isPresent()) {
				// the chosen restore point's offsets are no longer in the log: the operator chooses another
				throw new IllegalStateException(stopped.get());
			}
			try {
				client.triggerCheckpoint(restarted.id(), CheckpointType.DEFAULT)
					.get(60, TimeUnit.SECONDS);
				return new Restart(restarted, true);
			}
			catch (Exception ex) {
				log.warn("Job '{}' restarted from {}, but its restored state could not be checkpointed: {}", job,
						restorePoint, ex.toString());
				return new Restart(restarted, false);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while restarting " + job, ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot stop " + job + ": " + ex.getMessage(), ex);
		}
		finally {
			restarting.unlock();
		}
	}

	/**
	 * Stops the named job with a savepoint (into its savepoint folder, where it stays a restore
	 * point) and starts it from there with {@code parallelism} subtasks per operator: keyed state is
	 * redistributed by key group, so every key keeps its state. Requests to the job are refused
	 * (503) meanwhile. Refused up front when the parallelism is out of range or the cluster has too
	 * few slots for it; should the job not run with it, it is started again from the same savepoint
	 * with its old parallelism: never left down.
	 */
	FlinkRuntime.RunningJob rescale(String job, int parallelism) {
		if (parallelism < 1 || parallelism > FlinkConfigurations.MAX_PARALLELISM) {
			throw new IllegalArgumentException("A parallelism from 1 to " + FlinkConfigurations.MAX_PARALLELISM
					+ " is needed; " + parallelism + " is not");
		}
		lock();
		try {
			FlinkCluster cluster = flink.cluster();
			FlinkRuntime.RunningJob running = running(job, cluster);
			RestClusterClient<String> client = cluster.client();
			if (running.parallelism() == parallelism) {
				throw new IllegalArgumentException(job + " already runs with parallelism " + parallelism);
			}
			requireSlots(client, job, running.parallelism(), parallelism);
			log.info("Rescaling Flink job '{}' from parallelism {} to {}", job, running.parallelism(), parallelism);
			String location;
			try {
				location = client.stopWithSavepoint(running.id(), false, flink.savepoints(job).toString(),
						SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
			}
			catch (Exception ex) {
				// a stop whose savepoint fails leaves the job running as it was
				throw new IllegalStateException("Cannot take a savepoint of " + job + " to rescale it from ("
						+ ex.getMessage() + "); it runs on with parallelism " + running.parallelism(), ex);
			}
			String savepoint = SnapshotFiles.location(location);
			ClusterWaits.awaitStatus(client, running.id(), JobStatus::isGloballyTerminalState);
			try {
				FlinkRuntime.RunningJob rescaled = start(client, job, Optional.of(savepoint), parallelism);
				ClusterWaits.awaitTasksRunning(client, rescaled.id(), RESCALED_TASKS_WAIT);
				log.info("Flink job '{}' runs with parallelism {} from savepoint {}", job, parallelism, savepoint);
				return rescaled;
			}
			catch (Exception ex) {
				stopQuietly(client, job);
				resume(job, Optional.of(savepoint), running.parallelism());
				throw new IllegalStateException("Cannot run " + job + " with parallelism " + parallelism + " ("
						+ ex.getMessage() + "); it runs again with parallelism " + running.parallelism() + " from " + savepoint,
						ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while rescaling " + job, ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot rescale " + job + ": " + ex.getMessage(), ex);
		}
		finally {
			restarting.unlock();
		}
	}

	private void lock() {
		if (!restarting.tryLock()) {
			throw new IllegalStateException("A restart is under way; try again when it has finished");
		}
	}

	private FlinkRuntime.RunningJob running(String job, FlinkCluster cluster) {
		FlinkRuntime.RunningJob running = flink.running(job);
		if (cluster == null || running == null) {
			throw new IllegalStateException("The '" + job + "' job is not running");
		}
		return running;
	}

	/** The slots free once the job has stopped must hold it with its new parallelism (one slot per subtask). */
	private static void requireSlots(RestClusterClient<String> client, String job, int current, int wanted)
			throws Exception {
		ClusterOverviewWithVersion overview = client.getClusterOverview().get(10, TimeUnit.SECONDS);
		int free = overview.getNumSlotsAvailable() + current;
		if (wanted > free) {
			throw new IllegalArgumentException("The cluster has " + free + " task slots for " + job + " (" + overview
				.getNumSlotsTotal() + " in all); parallelism " + wanted + " needs " + wanted);
		}
	}

	private FlinkRuntime.RunningJob start(RestClusterClient<String> client, String job, Optional<String> from,
			int parallelism) throws Exception {
		flink.submit(job, from, parallelism);
		FlinkRuntime.RunningJob started = flink.running(job);
		ClusterWaits.awaitRunning(client, started.id());
		flink.refreshStatuses();
		return started;
	}

	private boolean isRestorePoint(String job, String path) {
		return flink.restorePoints(job).stream().anyMatch(point -> point.path().equals(path));
	}

	private void resumeFromLatest(String job) {
		resume(job, flink.latestCheckpoint(job), flink.running(job).parallelism());
	}

	private void resume(String job, Optional<String> from, int parallelism) {
		try {
			flink.submit(job, from, parallelism);
		}
		catch (RuntimeException ex) {
			log.error("The '{}' job could not be started again: {}", job, ex.toString());
		}
	}

	/** A start that failed may have left its job waiting for slots: it must go before another is submitted. */
	private void stopQuietly(RestClusterClient<String> client, String job) {
		try {
			ClusterWaits.stop(client, flink.running(job).id());
		}
		catch (Exception ex) {
			log.warn("Could not cancel the failed start of '{}': {}", job, ex.toString());
		}
	}

}
