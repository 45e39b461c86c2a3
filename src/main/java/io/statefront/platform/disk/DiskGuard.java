package io.statefront.platform.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;

/**
 * Watches the usable space of the data directory's file system and refuses writes while it is
 * below the threshold, so a request stops being taken before the broker's log or a checkpoint
 * runs out of room. Read on one thread every {@code statefront.disk.check-interval}; a request
 * reads the latest verdict, a volatile field.
 */
public class DiskGuard implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DiskGuard.class);

	private final Path dataDir;

	private final FreeSpaceThreshold threshold;

	private final Duration interval;

	private final Clock clock;

	private volatile DiskSpace space;

	private volatile String failure;

	private ScheduledExecutorService executor;

	DiskGuard(Path dataDir, FreeSpaceThreshold threshold, Duration interval, Clock clock) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.threshold = threshold;
		this.interval = interval;
		this.clock = clock;
		this.space = DiskSpace.unknown(clock.instant());
	}

	/** Whether requests that write must be refused now. */
	public boolean refusesWrites() {
		return space.low();
	}

	/** The latest reading. */
	public DiskSpace space() {
		return space;
	}

	/** Why the latest reading failed, or null when it did not. */
	String failure() {
		return failure;
	}

	Path dataDir() {
		return dataDir;
	}

	void check() {
		try {
			FileStore store = Files.getFileStore(existingAncestor(dataDir));
			long total = store.getTotalSpace();
			long usable = store.getUsableSpace();
			DiskSpace reading = new DiskSpace(usable, total, threshold.requiredFree(total),
					threshold.isLow(usable, total), clock.instant());
			if (reading.low() != space.low()) {
				report(reading);
			}
			space = reading;
			failure = null;
		}
		catch (IOException | RuntimeException ex) {
			if (failure == null) {
				log.warn("Cannot read the free space of {}: {}", dataDir, ex.toString());
			}
			// the last verdict stands: a file system that cannot be read is no reason to start refusing
			failure = ex.toString();
		}
	}

	private void report(DiskSpace reading) {
		if (reading.low()) {
			log.error("Disk guard on: {} usable on the file system of {}, below the {} kept free; "
					+ "requests that write are refused with 503 until space is freed",
					size(reading.usableBytes()), dataDir, size(reading.requiredBytes()));
		}
		else {
			log.warn("Disk guard off: {} usable on the file system of {}; writes are taken again",
					size(reading.usableBytes()), dataDir);
		}
	}

	private static String size(long bytes) {
		return DataSize.ofBytes(bytes).toMegabytes() + " MB";
	}

	/** The data directory, or the nearest folder above it that exists (before anything made it). */
	static Path existingAncestor(Path path) throws IOException {
		Path candidate = path;
		while (candidate != null && !Files.exists(candidate)) {
			candidate = candidate.getParent();
		}
		if (candidate == null) {
			throw new IOException("neither " + path + " nor any folder above it exists");
		}
		return candidate;
	}

	@Override
	public synchronized void start() {
		// read once before anything is served, then on the schedule
		check();
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "disk-guard");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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

	@Override
	public int getPhase() {
		// before the broker and the pipeline start, after the web server has stopped taking requests
		return Integer.MIN_VALUE + 1000;
	}

}
