package io.statefront.platform.flink;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.flink.core.fs.Path;

/**
 * The checkpoints one job left in its folder: {@code <jobDir>/<jobId>/chk-<n>/_metadata}. Each run
 * of a job writes under a new job id; a {@code chk-*} folder without {@code _metadata} is a
 * checkpoint that never completed. The folder is a local one or on an object store
 * ({@link SnapshotFiles}); folders are named by their location.
 */
public final class RetainedCheckpoints {

	private static final String METADATA = "_metadata";

	private final Path jobDir;

	/** @param jobDir the job's checkpoint folder, a local path or a URI such as {@code s3://bucket/checkpoints/functions} */
	public RetainedCheckpoints(String jobDir) {
		this(SnapshotFiles.path(jobDir));
	}

	RetainedCheckpoints(Path jobDir) {
		this.jobDir = jobDir;
	}

	/** A checkpoint or savepoint folder with its {@code _metadata}, and when that was written (epoch ms). */
	record Completed(Path dir, long completedAt) {

		String location() {
			return SnapshotFiles.location(dir);
		}

		private long number() {
			try {
				return Long.parseLong(dir.getName().substring("chk-".length()));
			}
			catch (RuntimeException ex) {
				return -1;
			}
		}

	}

	/** The newest completed checkpoint of any run, the one a restart resumes from. */
	public Optional<String> latestComplete() {
		return latest().map(Completed::location);
	}

	Optional<Completed> latest() {
		return checkpoints().stream()
			.max(Comparator.comparingLong(Completed::completedAt).thenComparingLong(Completed::number));
	}

	/** Every completed checkpoint of every run, oldest first. */
	public List<String> completed() {
		return checkpoints().stream().map(Completed::location).toList();
	}

	List<Completed> checkpoints() {
		return SnapshotFiles.folders(jobDir, "")
			.stream()
			.flatMap(run -> SnapshotFiles.folders(run, "chk-").stream())
			.flatMap(checkpoint -> completed(checkpoint).stream())
			.sorted(Comparator.comparingLong(Completed::completedAt))
			.toList();
	}

	/** The completed savepoints in a folder (Flink's {@code savepoint-*} folders), oldest first, by location. */
	static List<String> savepoints(String savepointDir) {
		return savepoints(SnapshotFiles.path(savepointDir)).stream().map(Completed::location).toList();
	}

	static List<Completed> savepoints(Path savepointDir) {
		return SnapshotFiles.folders(savepointDir, "savepoint-")
			.stream()
			.flatMap(savepoint -> completed(savepoint).stream())
			.sorted(Comparator.comparingLong(Completed::completedAt))
			.toList();
	}

	/** Deletes all but the newest {@code kept} savepoints in {@code savepointDir}. */
	static void keepNewestSavepoints(Path savepointDir, int kept) {
		List<Completed> oldestFirst = savepoints(savepointDir);
		oldestFirst.subList(0, Math.max(0, oldestFirst.size() - kept))
			.forEach(savepoint -> SnapshotFiles.delete(savepoint.dir()));
	}

	private static Optional<Completed> completed(Path folder) {
		return SnapshotFiles.modifiedAt(new Path(folder, METADATA)).map(at -> new Completed(folder, at));
	}

	/**
	 * Deletes the folders of earlier runs except the one holding {@code keep}: once a run has
	 * restored from a checkpoint, the runs before it are of no further use.
	 */
	public void deleteRunsOtherThan(Optional<String> keep) {
		deleteRuns(keep.map(SnapshotFiles::path).map(Path::getParent));
	}

	void deleteRuns(Optional<Path> keptRun) {
		Optional<String> kept = keptRun.map(SnapshotFiles::location);
		SnapshotFiles.folders(jobDir, "")
			.stream()
			.filter(run -> kept.map(location -> !location.equals(SnapshotFiles.location(run))).orElse(true))
			.forEach(SnapshotFiles::delete);
	}

}
