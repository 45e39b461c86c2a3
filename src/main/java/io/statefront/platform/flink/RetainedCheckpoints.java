package io.statefront.platform.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * The checkpoints one job left in its folder: {@code <jobDir>/<jobId>/chk-<n>/_metadata}. Each run
 * of a job writes under a new job id; a {@code chk-*} folder without {@code _metadata} is a
 * checkpoint that never completed.
 */
public final class RetainedCheckpoints {

	private static final String METADATA = "_metadata";

	private final Path jobDir;

	public RetainedCheckpoints(Path jobDir) {
		this.jobDir = jobDir;
	}

	public Path jobDir() {
		return jobDir;
	}

	/** The newest completed checkpoint of any run, the one a restart resumes from. */
	public Optional<Path> latestComplete() {
		return completed().stream().max(Comparator.comparing(RetainedCheckpoints::completedAt)
			.thenComparing(RetainedCheckpoints::checkpointNumber));
	}

	/** Every completed checkpoint of every run, oldest first. */
	public List<Path> completed() {
		try (Stream<Path> runs = list(jobDir)) {
			return runs.flatMap(RetainedCheckpoints::list)
				.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
				.filter(RetainedCheckpoints::isComplete)
				.sorted(Comparator.comparing(RetainedCheckpoints::completedAt))
				.toList();
		}
	}

	/** The completed savepoints in {@code savepointDir} (Flink's {@code savepoint-*} folders), oldest first. */
	static List<Path> savepoints(Path savepointDir) {
		try (Stream<Path> savepoints = list(savepointDir)) {
			return savepoints.filter(dir -> dir.getFileName().toString().startsWith("savepoint-"))
				.filter(RetainedCheckpoints::isComplete)
				.sorted(Comparator.comparing(RetainedCheckpoints::completedAt))
				.toList();
		}
	}

	/** Deletes all but the newest {@code kept} savepoints in {@code savepointDir}. */
	static void keepNewestSavepoints(Path savepointDir, int kept) {
		List<Path> oldestFirst = savepoints(savepointDir);
		oldestFirst.subList(0, Math.max(0, oldestFirst.size() - kept)).forEach(RetainedCheckpoints::delete);
	}

	static boolean isComplete(Path checkpoint) {
		return Files.isRegularFile(checkpoint.resolve(METADATA));
	}

	/**
	 * Deletes the folders of earlier runs except the one holding {@code keep}: once a run has
	 * restored from a checkpoint, the runs before it are of no further use.
	 */
	public void deleteRunsOtherThan(Optional<Path> keep) {
		Optional<Path> keptRun = keep.map(Path::getParent);
		try (Stream<Path> runs = list(jobDir)) {
			runs.filter(Files::isDirectory).filter(run -> keptRun.map(kept -> !kept.equals(run)).orElse(true))
				.forEach(RetainedCheckpoints::delete);
		}
	}

	private static Stream<Path> list(Path dir) {
		if (!Files.isDirectory(dir)) {
			return Stream.empty();
		}
		try {
			return Files.list(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static FileTime completedAt(Path checkpoint) {
		try {
			return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static long checkpointNumber(Path checkpoint) {
		try {
			return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void delete(Path run) {
		try {
			FileSystemUtils.deleteRecursively(run);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete old checkpoints in " + run, ex);
		}
	}

}
