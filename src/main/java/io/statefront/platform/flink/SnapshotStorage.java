package io.statefront.platform.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.statefront.platform.StatefrontProperties;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the jobs' checkpoints and savepoints go ({@link StorageProperties#dir()}): the data
 * directory, or a folder of any file system Flink has, such as an S3 bucket.
 */
final class SnapshotStorage {

	private static final Logger log = LoggerFactory.getLogger(SnapshotStorage.class);

	private final Path checkpoints;

	private final Path savepoints;

	private SnapshotStorage(Path checkpoints, Path savepoints) {
		this.checkpoints = checkpoints;
		this.savepoints = savepoints;
	}

	static SnapshotStorage of(StorageProperties storage, StatefrontProperties statefront) {
		if (storage.dir() == null || storage.dir().isBlank()) {
			return new SnapshotStorage(SnapshotFiles.path(statefront.checkpointsDir().toString()),
					SnapshotFiles.path(statefront.savepointsDir().toString()));
		}
		Path root = SnapshotFiles.path(storage.dir().strip());
		return new SnapshotStorage(new Path(root, "checkpoints"), new Path(root, "savepoints"));
	}

	/** Where the named job's runs keep their checkpoints, a folder per run. */
	Path checkpoints(String job) {
		return new Path(checkpoints, job);
	}

	/** Where the named job's savepoints taken on request go (those of stops in a folder below). */
	Path savepoints(String job) {
		return new Path(savepoints, job);
	}

	/**
	 * Fails, saying what is missing, when no Flink file system of this process serves the storage
	 * (an {@code s3://} folder without the S3 plugin, say): better at the start than at the first
	 * checkpoint, or when a follower lists the restore points.
	 */
	void requireFileSystem() {
		try {
			checkpoints.getFileSystem();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Flink file system serves the checkpoints' folder " + checkpoints + " ("
					+ ex.getMessage() + "): an object store needs Flink's plugin for it in the plugins folder "
					+ "(statefront.flink.storage.plugins-dir, docs/operations.md)", ex);
		}
	}

	/**
	 * Gives this process's Flink file systems (the application's own reads, and the embedded
	 * cluster's writes) their plugins and settings, as a Flink process does at its start. In this
	 * process Flink does not do it itself: a MiniCluster leaves the file systems as it finds them.
	 */
	static void initializeFileSystems(StorageProperties storage) {
		Configuration settings = Configuration.fromMap(s3Settings(storage.s3()));
		java.nio.file.Path pluginsDir = pluginsDir(storage);
		if (pluginsDir == null) {
			// the class path's file systems alone (local, and any an operator put there)
			FileSystem.initialize(settings, null);
			return;
		}
		try {
			FileSystem.initialize(settings, new DefaultPluginManager(new DirectoryBasedPluginFinder(pluginsDir).findPlugins(),
					CoreOptions.getPluginParentFirstLoaderPatterns(settings)));
			log.info("Flink's file systems: those of the class path, and the plugins in {}", pluginsDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Flink's plugins in " + pluginsDir, ex);
		}
	}

	/** The plugins folder named, else Flink's own choice where it exists: {@code $FLINK_PLUGINS_DIR} or {@code ./plugins}. */
	private static java.nio.file.@Nullable Path pluginsDir(StorageProperties storage) {
		if (storage.pluginsDir() != null) {
			return storage.pluginsDir();
		}
		String fromEnvironment = System.getenv(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
		java.nio.file.Path flinks = java.nio.file.Path.of((fromEnvironment != null) ? fromEnvironment
				: ConfigConstants.DEFAULT_FLINK_PLUGINS_DIRS);
		return Files.isDirectory(flinks) ? flinks : null;
	}

	/** Flink's keys of its S3 file systems, where set. */
	static Map<String, String> s3Settings(StorageProperties.S3 s3) {
		Map<String, String> settings = new HashMap<>();
		if (s3.endpoint() != null) {
			settings.put("s3.endpoint", s3.endpoint());
		}
		if (s3.pathStyleAccess()) {
			settings.put("s3.path.style.access", "true");
		}
		if (s3.accessKey() != null) {
			settings.put("s3.access-key", s3.accessKey());
		}
		if (s3.secretKey() != null) {
			settings.put("s3.secret-key", s3.secretKey());
		}
		return settings;
	}

}
