package io.statefront.platform.disk;

import java.time.Instant;

/**
 * One reading of the data directory's file system.
 *
 * @param usableBytes what this process may still write ({@code FileStore.getUsableSpace})
 * @param totalBytes the file system's size
 * @param requiredBytes the usable space the guard keeps free on it
 * @param low whether the guard refuses writes
 * @param checkedAt when it was read
 */
public record DiskSpace(long usableBytes, long totalBytes, long requiredBytes, boolean low, Instant checkedAt) {

	/** Before the first reading, or when the file system cannot be read: nothing is refused. */
	static DiskSpace unknown(Instant now) {
		return new DiskSpace(-1, -1, -1, false, now);
	}

	public boolean known() {
		return totalBytes >= 0;
	}

}
