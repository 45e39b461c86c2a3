package io.statefront.platform.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.flink.CheckpointRecord.Status;
import io.statefront.platform.kafka.Json;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every checkpoint, savepoint and restore of every job, kept in the data directory
 * ({@code checkpoint-history/<job>.jsonl}) so that it survives restarts and reaches far further
 * back than the ten entries Flink itself remembers. Flink's statistics are read from the cluster's
 * REST API every two seconds; each checkpoint that has ended since is appended once, with what each
 * of its tasks did.
 */
@Component
public class CheckpointHistory implements SmartLifecycle {

	/** How many entries per job are kept (and shown); older ones are dropped when the file is compacted. */
	public static final int KEPT = 1_000;

	private static final Logger log = LoggerFactory.getLogger(CheckpointHistory.class);

	private final FlinkRuntime flink;

	private final Path dir;

	// guarded by this
	private final Map<String, Deque<CheckpointRecord>> records = new HashMap<>();

	private final Set<String> recorded = new HashSet<>();

	private final Map<String, Integer> fileLines = new HashMap<>();

	private final Map<String, CheckpointCounts> counts = new ConcurrentHashMap<>();

	private final CheckpointReader.LatestRunTasks tasks = new CheckpointReader.LatestRunTasks();

	private volatile ScheduledExecutorService poller;

	CheckpointHistory(FlinkRuntime flink, StatefrontProperties statefront) {
		this.flink = flink;
		this.dir = statefront.checkpointHistoryDir();
	}

	/**
	 * This run's counts from Flink, and the restores of every run.
	 *
	 * @param triggered checkpoints triggered in this run
	 */
	public record CheckpointCounts(long triggered, int inProgress, long completed, long failed, long restored) {
	}

	/** The job's entries, newest first. */
	public synchronized List<CheckpointRecord> history(String job) {
		List<CheckpointRecord> newestFirst = new ArrayList<>(records.getOrDefault(job, new ArrayDeque<>()));
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	public Optional<CheckpointRecord> find(String job, String run, long id, Status status) {
		return history(job).stream()
			.filter(record -> record.run().equals(run) && record.id() == id && record.status() == status)
			.findFirst();
	}

	public CheckpointCounts counts(String job) {
		long restored = history(job).stream().filter(record -> record.status() == Status.RESTORED).count();
		CheckpointCounts run = counts.get(job);
		return (run != null) ? new CheckpointCounts(run.triggered(), run.inProgress(), run.completed(), run.failed(), restored)
				: new CheckpointCounts(0, 0, 0, 0, restored);
	}

	/** Reads Flink's statistics now; the poller does it every two seconds. */
	public void refresh() {
		FlinkCluster cluster = flink.cluster();
		if (cluster == null) {
			return;
		}
		for (String job : flink.jobNames()) {
			FlinkRuntime.RunningJob running = flink.running(job);
			if (running == null) {
				continue;
			}
			try {
				record(job, running.id(), cluster.client());
			}
			catch (Exception ex) {
				log.debug("No checkpoint statistics of {} now: {}", job, ex.toString());
			}
		}
	}

	private void record(String job, JobID run, RestClusterClient<?> client) throws Exception {
		CheckpointReader.Reading reading = CheckpointReader.read(job, run, client, tasks.of(job, client),
				this::isRecorded, path -> restoredSize(job, path));
		counts.put(job, reading.counts());
		reading.ended().forEach(this::append);
	}

	/**
	 * Flink's statistics of a restore leave out its size: it is that of the checkpoint as the
	 * history recorded it, or else the bytes of its folder.
	 */
	private long restoredSize(String job, String path) {
		return history(job).stream()
			.filter(record -> record.status() == Status.COMPLETED && path.equals(record.path()))
			.map(CheckpointRecord::stateSize)
			.findFirst()
			.orElseGet(() -> bytesIn(path));
	}

	private static long bytesIn(String path) {
		try {
			return SnapshotFiles.bytesIn(SnapshotFiles.path(path));
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private synchronized boolean isRecorded(String run, long id, Status status) {
		return recorded.contains(run + "/" + id + "/" + status);
	}

	/** The poller and an action's refresh may both see a checkpoint end: one of them records it. */
	private synchronized void append(CheckpointRecord record) {
		if (!recorded.add(key(record))) {
			return;
		}
		Deque<CheckpointRecord> kept = records.computeIfAbsent(record.job(), job -> new ArrayDeque<>());
		kept.addLast(record);
		while (kept.size() > KEPT) {
			CheckpointRecord dropped = kept.removeFirst();
			// a run's restore stays in Flink's statistics as long as the run: its key stays too
			if (dropped.status() != Status.RESTORED) {
				recorded.remove(key(dropped));
			}
		}
		try {
			Files.createDirectories(dir);
			Files.write(file(record.job()), List.of(line(record)), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			if (fileLines.merge(record.job(), 1, Integer::sum) > 2 * KEPT) {
				rewrite(record.job(), kept);
			}
		}
		catch (IOException ex) {
			log.warn("Cannot keep checkpoint {} of {} in the history: {}", record.id(), record.job(), ex.toString());
		}
		switch (record.status()) {
			case FAILED -> log.warn("Checkpoint {} of job '{}' failed: {}", record.id(), record.job(), record.failure());
			case COMPLETED -> log.info("{} {} of job '{}' completed in {} ms, {} bytes: {}",
					record.savepoint() ? "Savepoint" : "Checkpoint", record.id(), record.job(), record.durationMs(),
					record.stateSize(), record.path());
			case RESTORED -> log.info("Job '{}' restored checkpoint {} from {}", record.job(), record.id(), record.path());
		}
	}

	/** The file holds the kept entries only, replaced whole: a crash leaves the old file or the new one. */
	private void rewrite(String job, Deque<CheckpointRecord> kept) throws IOException {
		Path file = file(job);
		Path next = file.resolveSibling(file.getFileName() + ".next");
		Files.write(next, kept.stream().map(CheckpointHistory::line).toList(), StandardCharsets.UTF_8);
		Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		fileLines.put(job, kept.size());
	}

	private static String line(CheckpointRecord record) {
		return new String(Json.write(record), StandardCharsets.UTF_8);
	}

	private static String key(CheckpointRecord record) {
		return record.run() + "/" + record.id() + "/" + record.status();
	}

	private Path file(String job) {
		return dir.resolve(job + ".jsonl");
	}

	/**
	 * Loads what earlier runs recorded; rewrites a file that has grown past twice what is kept, or
	 * that a crash left with half a line.
	 */
	synchronized void load() {
		for (String job : flink.jobNames()) {
			Path file = file(job);
			if (!Files.isRegularFile(file)) {
				continue;
			}
			try {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				Deque<CheckpointRecord> kept = records.computeIfAbsent(job, name -> new ArrayDeque<>());
				Set<String> seen = new HashSet<>();
				boolean damaged = false;
				for (String line : lines.subList(Math.max(0, lines.size() - KEPT), lines.size())) {
					Optional<CheckpointRecord> record = readLine(line);
					damaged |= record.isEmpty();
					// a start after a stop (a paused test context) finds its own entries in the file
					record.filter(read -> seen.add(key(read)) && !recorded.contains(key(read))).ifPresent(kept::addLast);
				}
				recorded.addAll(seen);
				fileLines.put(job, lines.size());
				// rewritten without a line a crash cut short, or the next entry would be appended to it
				if (damaged || lines.size() > 2 * KEPT) {
					rewrite(job, kept);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the checkpoint history " + file, ex);
			}
		}
	}

	private static Optional<CheckpointRecord> readLine(String line) {
		try {
			return Optional.of(Json.read(line.getBytes(StandardCharsets.UTF_8), CheckpointRecord.class));
		}
		catch (RuntimeException ex) {
			// a line cut short by a crash while it was written
			return Optional.empty();
		}
	}

	/** After the Flink runtime has started, before it stops. */
	@Override
	public int getPhase() {
		return FlinkRuntime.PHASE + 1;
	}

	@Override
	public void start() {
		load();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "checkpoint-history");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::refresh, 0, 2, TimeUnit.SECONDS);
		this.poller = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.poller;
		this.poller = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		refresh();
	}

	@Override
	public boolean isRunning() {
		return poller != null;
	}

}
