package io.statefront.platform.flink;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.statefront.platform.StatefrontProperties;

/**
 * Where one job keeps its restore points in the data directory: its checkpoints (a folder per
 * run) and its savepoints (on request, and the last few of clean stops).
 */
record JobFolders(Path checkpoints, Path savepoints) {

	private static final int ON_STOP_SAVEPOINTS_KEPT = 3;

	static JobFolders of(StatefrontProperties statefront, String job) {
		return new JobFolders(statefront.checkpointsDir().resolve(job), statefront.savepointsDir().resolve(job));
	}

	Path onStopSavepoints() {
		return savepoints.resolve(RestorePoint.ON_STOP);
	}

	/** Its retained checkpoints and savepoints, newest first. */
	List<RestorePoint> restorePoints() {
		return RestorePoint.list(new RetainedCheckpoints(checkpoints), savepoints);
	}

	Optional<Path> latestCheckpoint() {
		return new RetainedCheckpoints(checkpoints).latestComplete();
	}

	/**
	 * Before a start: the folders of runs other than the one with the latest complete checkpoint
	 * go (the new run resumes from that checkpoint or a newer savepoint, and a restore claims
	 * nothing: its first checkpoint is a full one), and all but the newest on-stop savepoints.
	 */
	void tidy() {
		RetainedCheckpoints retained = new RetainedCheckpoints(checkpoints);
		retained.deleteRunsOtherThan(retained.latestComplete());
		RetainedCheckpoints.keepNewestSavepoints(onStopSavepoints(), ON_STOP_SAVEPOINTS_KEPT);
	}

}
