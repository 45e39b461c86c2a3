package io.statefront.platform.flink;

import java.util.List;
import java.util.Optional;

import org.apache.flink.core.fs.Path;

/**
 * Where one job keeps its restore points ({@link SnapshotStorage}): its checkpoints (a folder per
 * run) and its savepoints (on request, and the last few of clean stops).
 */
record JobFolders(Path checkpoints, Path savepoints) {

	private static final int ON_STOP_SAVEPOINTS_KEPT = 3;

	static JobFolders of(SnapshotStorage storage, String job) {
		return new JobFolders(storage.checkpoints(job), storage.savepoints(job));
	}

	Path onStopSavepoints() {
		return new Path(savepoints, RestorePoint.ON_STOP);
	}

	/** Its retained checkpoints and savepoints, newest first. */
	List<RestorePoint> restorePoints() {
		return RestorePoint.list(new RetainedCheckpoints(checkpoints), savepoints);
	}

	Optional<String> latestCheckpoint() {
		return new RetainedCheckpoints(checkpoints).latestComplete();
	}

	/**
	 * Before a start: the folders of runs other than the one with the latest complete checkpoint
	 * go (the new run resumes from that checkpoint or a newer savepoint, and a restore claims
	 * nothing: its first checkpoint is a full one), and all but the newest on-stop savepoints.
	 */
	void tidy() {
		RetainedCheckpoints retained = new RetainedCheckpoints(checkpoints);
		retained.deleteRuns(retained.latest().map(latest -> latest.dir().getParent()));
		RetainedCheckpoints.keepNewestSavepoints(onStopSavepoints(), ON_STOP_SAVEPOINTS_KEPT);
	}

}
