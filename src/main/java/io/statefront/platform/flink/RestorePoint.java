package io.statefront.platform.flink;

import java.nio.file.Path;
import java.time.Instant;

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

}
