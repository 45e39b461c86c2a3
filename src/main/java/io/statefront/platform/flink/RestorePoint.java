package io.statefront.platform.flink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.flink.core.fs.Path;

/**
 * A completed checkpoint or savepoint a job can be restarted from.
 *
 * @param kind whether Flink took it on its own schedule or on request
 * @param path its folder, the one holding {@code _metadata}: a local path, or a URI where the
 * checkpoints are on an object store ({@code s3://…})
 * @param completedAt when its metadata was written
 */
public record RestorePoint(Kind kind, String path, Instant completedAt) {

	public enum Kind {

		CHECKPOINT, SAVEPOINT

	}

	/** Where Flink reads it: {@link #path()} as a URI ({@code file:/…}, {@code s3://…}). */
	public String uri() {
		return SnapshotFiles.path(path).toUri().toString();
	}

	public String name() {
		return SnapshotFiles.path(path).getName();
	}

	/**
	 * The folder a path Flink reports (a checkpoint's or savepoint's external path, {@code file:/…}
	 * or {@code s3://…}) names, as {@link #path()} names it.
	 */
	public static String folderOf(String flinkPath) {
		return SnapshotFiles.location(flinkPath);
	}

	/** Where, under a job's savepoint folder, the savepoints taken when the application stops go. */
	static final String ON_STOP = "on-stop";

	/**
	 * A job's retained checkpoints, the savepoints taken on request in {@code savepointDir} and those
	 * taken when the application stopped, newest first.
	 */
	static List<RestorePoint> list(RetainedCheckpoints checkpoints, Path savepointDir) {
		List<RestorePoint> points = new ArrayList<>();
		checkpoints.checkpoints().forEach(checkpoint -> points.add(of(Kind.CHECKPOINT, checkpoint)));
		RetainedCheckpoints.savepoints(savepointDir).forEach(savepoint -> points.add(of(Kind.SAVEPOINT, savepoint)));
		RetainedCheckpoints.savepoints(new Path(savepointDir, ON_STOP))
			.forEach(savepoint -> points.add(of(Kind.SAVEPOINT, savepoint)));
		points.sort(Comparator.comparing(RestorePoint::completedAt).reversed());
		return points;
	}

	private static RestorePoint of(Kind kind, RetainedCheckpoints.Completed completed) {
		return new RestorePoint(kind, completed.location(), Instant.ofEpochMilli(completed.completedAt()));
	}

}
