package io.statefront.platform.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.StatefrontProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * What each part of the data directory takes on disk, measured by walking its files on one
 * background thread every {@code statefront.disk.usage-interval}, never on a request's path.
 */
public class DataDirUsage implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DataDirUsage.class);

	private final Path dataDir;

	private final Map<String, Path> parts;

	private final Path brokerLog;

	private final Duration interval;

	private final Clock clock;

	private volatile Usage latest;

	private ScheduledExecutorService executor;

	DataDirUsage(StatefrontProperties properties, Duration interval, Clock clock) {
		this.dataDir = properties.dataDir().toAbsolutePath().normalize();
		this.brokerLog = properties.kafkaLogDir();
		this.parts = new LinkedHashMap<>();
		parts.put("broker log", properties.kafkaLogDir());
		parts.put("checkpoints", properties.checkpointsDir());
		parts.put("savepoints", properties.savepointsDir());
		parts.put("checkpoint history", properties.checkpointHistoryDir());
		parts.put("metric history", properties.influxDir());
		parts.put("archive", properties.archiveDir());
		parts.put("state (RocksDB's working copy)", properties.rocksDbDir());
		this.interval = interval;
		this.clock = clock;
		this.latest = new Usage(dataDir, List.of(), -1, null);
	}

	/**
	 * Bytes per part of the data directory, as last measured.
	 *
	 * @param dataDir the data directory
	 * @param parts its known parts in a fixed order, each with the bytes its files hold
	 * @param totalBytes every file under the data directory (the parts and anything else), or -1
	 * before the first measurement
	 * @param measuredAt when the walk ended, or null before the first
	 */
	public record Usage(Path dataDir, List<Part> parts, long totalBytes, Instant measuredAt) {

		public boolean measured() {
			return measuredAt != null;
		}

	}

	/** A folder of the data directory; {@code present} is false when nothing made it (yet). */
	public record Part(String name, Path path, long bytes, boolean present) {
	}

	/** The latest measurement, at most one interval old once the first is done. */
	public Usage latest() {
		return latest;
	}

	void measure() {
		Map<Path, long[]> sizes = new LinkedHashMap<>();
		parts.values().forEach(path -> sizes.put(path, new long[1]));
		long[] total = new long[1];
		if (Files.isDirectory(dataDir)) {
			try {
				Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {

					@Override
					public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
						if (attributes.isRegularFile() && !brokerIndex(file)) {
							total[0] += attributes.size();
							for (Map.Entry<Path, long[]> part : sizes.entrySet()) {
								if (file.startsWith(part.getKey())) {
									part.getValue()[0] += attributes.size();
									break;
								}
							}
						}
						return FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFileFailed(Path file, IOException ex) {
						// deleted while walked (an old segment, a superseded checkpoint) or unreadable
						return FileVisitResult.CONTINUE;
					}

				});
			}
			catch (IOException ex) {
				log.debug("Cannot measure {}: {}", dataDir, ex.toString());
			}
		}
		List<Part> measured = new ArrayList<>();
		parts.forEach((name, path) -> measured.add(new Part(name, path, sizes.get(path)[0], Files.isDirectory(path))));
		latest = new Usage(dataDir, List.copyOf(measured), total[0], clock.instant());
	}

	/**
	 * The broker preallocates each open segment's offset and time index at its full size (10 MiB
	 * each, sparse on disk, a few bytes per 4 KiB of log once written): their lengths would show a
	 * fresh broker's log at a gigabyte. Java cannot read the blocks a file takes, so they are left
	 * out; what they really hold is well under 1 % of the log's segments.
	 */
	private boolean brokerIndex(Path file) {
		String name = file.getFileName().toString();
		return (name.endsWith(".index") || name.endsWith(".timeindex")) && file.startsWith(brokerLog);
	}

	private void measureQuietly() {
		try {
			measure();
		}
		catch (RuntimeException ex) {
			log.warn("Measuring the data directory failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "data-dir-usage");
			thread.setDaemon(true);
			thread.setPriority(Thread.MIN_PRIORITY);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::measureQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

}
