package io.statefront.platform.flink;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Checkpoint and savepoint folders read, measured and deleted through Flink's own file systems, as
 * Flink writes them: a local folder or an object store ({@code s3://bucket/prefix}, through Flink's
 * S3 plugin), with no second client for either.
 *
 * <p>A folder is named to people and in the console by its <em>location</em>: a local folder by its
 * absolute path ({@code /var/lib/statefront/checkpoints/functions/…/chk-3}), any other by its URI
 * ({@code s3://statefront/checkpoints/functions/…/chk-3}); Flink's own {@code file:/…} names map to
 * the same location, so a path from Flink's statistics matches the folder listed here.
 */
final class SnapshotFiles {

	private SnapshotFiles() {
	}

	/** The location of a path Flink names, as {@link SnapshotFiles} names folders. */
	static String location(String flinkPath) {
		return location(new Path(flinkPath));
	}

	static String location(Path path) {
		String scheme = path.toUri().getScheme();
		return (scheme == null || "file".equals(scheme)) ? new File(path.toUri().getPath()).getAbsolutePath()
				: path.toString();
	}

	/** The path Flink reaches a location by. */
	static Path path(String location) {
		if (location.contains("://") || location.startsWith("file:")) {
			return new Path(location);
		}
		return new Path("file:" + new File(location).getAbsolutePath());
	}

	/** The entries in a folder; none where it does not exist (an object store has no empty folders). */
	static List<FileStatus> list(Path dir) {
		try {
			FileStatus[] entries = dir.getFileSystem().listStatus(dir);
			return (entries != null) ? List.of(entries) : List.of();
		}
		catch (FileNotFoundException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + dir, ex);
		}
	}

	/** The sub-folders of a folder whose names begin with {@code prefix}. */
	static List<Path> folders(Path dir, String prefix) {
		return list(dir).stream()
			.filter(FileStatus::isDir)
			.map(FileStatus::getPath)
			.filter(folder -> folder.getName().startsWith(prefix))
			.toList();
	}

	/** When the file was last written, epoch ms; empty where it does not exist. */
	static Optional<Long> modifiedAt(Path file) {
		try {
			FileStatus status = file.getFileSystem().getFileStatus(file);
			return status.isDir() ? Optional.empty() : Optional.of(status.getModificationTime());
		}
		catch (FileNotFoundException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/** Deletes a folder and all it holds. */
	static void delete(Path dir) {
		try {
			dir.getFileSystem().delete(dir, true);
		}
		catch (FileNotFoundException ex) {
			// gone already
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete old checkpoints in " + dir, ex);
		}
	}

	/** The bytes of every file under a folder; 0 where it cannot be read. */
	static long bytesIn(Path dir) {
		try {
			return list(dir).stream().mapToLong(entry -> entry.isDir() ? bytesIn(entry.getPath()) : entry.getLen()).sum();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
