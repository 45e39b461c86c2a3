package io.statefront.platform.flink;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a job from a checkpoint or savepoint an operator chose. One at a time; another asked
 * for meanwhile is refused.
 */
final class JobRestarts {

	private static final Logger log = LoggerFactory.getLogger(JobRestarts.class);

	private final FlinkRuntime flink;

	private final ReentrantLock restarting = new ReentrantLock();

	JobRestarts(FlinkRuntime flink) {
		this.flink = flink;
	}

	/**
	 * Cancels the named job (unless it has already failed) and starts it again from
	 * {@code restorePoint}, one of its {@link FlinkRuntime#restorePoints(String) restore points};
	 * requests to it are refused (503) meanwhile. Once it runs, a checkpoint is taken at once, so that a crash
	 * afterwards resumes from the chosen state rather than from a newer checkpoint of the run before.
	 * Should it not start from there, it is started from its latest checkpoint: never left down.
	 */
	Restart restart(String job, Path restorePoint) {
		lock();
		try {
			FlinkCluster cluster = flink.cluster();
			FlinkRuntime.RunningJob running = running(job, cluster);
			RestClusterClient<String> client = cluster.client();
			if (!isRestorePoint(job, restorePoint)) {
				throw new IllegalArgumentException(restorePoint + " is not a retained checkpoint or savepoint of " + job);
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
				resumeFromLatest(job);
				throw new IllegalStateException("Cannot start " + job + " from " + restorePoint + " (" + ex.getMessage()
						+ "); it runs again from its latest checkpoint", ex);
			}
			try {
				ClusterWaits.awaitTasksRunning(client, restarted.id(), ClusterWaits.WAIT);
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

	private FlinkRuntime.RunningJob start(RestClusterClient<String> client, String job, Optional<Path> from,
			int parallelism) throws Exception {
		flink.submit(job, from, parallelism);
		FlinkRuntime.RunningJob started = flink.running(job);
		ClusterWaits.awaitRunning(client, started.id());
		flink.refreshStatuses();
		return started;
	}

	private boolean isRestorePoint(String job, Path path) {
		return flink.restorePoints(job).stream().anyMatch(point -> point.path().equals(path));
	}

	private void resumeFromLatest(String job) {
		resume(job, flink.latestCheckpoint(job), flink.running(job).parallelism());
	}

	private void resume(String job, Optional<Path> from, int parallelism) {
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
