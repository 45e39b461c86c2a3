package io.statefront.platform.disk;

/**
 * How much usable space must stay free: the larger of a fixed amount and a share of the file
 * system, so a small disk keeps its fixed margin and a large one keeps room in proportion to what
 * it holds (a broker's segments and a job's checkpoints grow with the disk they are given).
 */
record FreeSpaceThreshold(long minFreeBytes, int minFreePercent) {

	/** The usable bytes needed on a file system of {@code totalBytes}. */
	long requiredFree(long totalBytes) {
		// a percent of a file system's size: below Long.MAX_VALUE / 100 for any real one
		return Math.max(minFreeBytes, totalBytes / 100 * minFreePercent + totalBytes % 100 * minFreePercent / 100);
	}

	/** Whether writes must stop. Exactly the required space is still enough. */
	boolean isLow(long usableBytes, long totalBytes) {
		return usableBytes < requiredFree(totalBytes);
	}

}
