package io.statefront.platform.flink;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A completed checkpoint or savepoint a job can be restarted from.
 *
 * @param kind whether Flink took it on its own schedule or on request
 * @param path its folder, the one holding {@code _metadata}
 * @param completedAt when its metadata was written
 */
public record RestorePoint(Kind kind, Path path, Instant completedAt) {

	public enum Kind {

		CHECKPOINT, SAVEPOINT

	}

	public String name() {
		return path.getFileName().toString();
	}

	/** Where, under a job's savepoint folder, the savepoints taken when the application stops go. */
	static final String ON_STOP = "on-stop";

	/**
	 * A job's retained checkpoints, the savepoints taken on request in {@code savepointDir} and those
	 * taken when the application stopped, newest first.
	 */
	static List<RestorePoint> list(RetainedCheckpoints checkpoints, Path savepointDir) {
		List<RestorePoint> points = new ArrayList<>();
		checkpoints.completed().forEach(path -> points.add(of(Kind.CHECKPOINT, path)));
		RetainedCheckpoints.savepoints(savepointDir).forEach(path -> points.add(of(Kind.SAVEPOINT, path)));
		RetainedCheckpoints.savepoints(savepointDir.resolve(ON_STOP)).forEach(path -> points.add(of(Kind.SAVEPOINT, path)));
		points.sort(Comparator.comparing(RestorePoint::completedAt).reversed());
		return points;
	}

	private static RestorePoint of(Kind kind, Path path) {
		return new RestorePoint(kind, path, RetainedCheckpoints.completedAt(path).toInstant());
	}

}
