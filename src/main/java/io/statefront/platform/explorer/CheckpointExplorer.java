package io.statefront.platform.explorer;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.RestorePoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads what a job's retained checkpoints and savepoints hold, with Flink's State Processor API: the
 * operators and their state, counted key by key, or one key's state. One read at a time, on a thread
 * of its own (where it runs, and why, see {@link StateReads}); the latest read stays to be shown,
 * bounded as it is (figures and a page of keys, never the keys themselves).
 */
@Component
public class CheckpointExplorer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CheckpointExplorer.class);

	private final FlinkRuntime flink;

	private final ExecutorService reads = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "checkpoint-explorer");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		return thread;
	});

	private final AtomicReference<@Nullable ExplorerRead> latest = new AtomicReference<>();

	CheckpointExplorer(FlinkRuntime flink) {
		this.flink = flink;
	}

	/** Refused while another read runs: reads share one small environment's worth of memory and CPU. */
	public static final class Busy extends RuntimeException {

		Busy(ExplorerRead running) {
			super("The explorer is reading " + running.point().name() + " of " + running.job() + "; try again when it is done");
		}

	}

	/** The named job's restore point at {@code path}: only a retained one is ever read. */
	public Optional<RestorePoint> restorePoint(String job, String path) {
		return flink.restorePoints(job).stream().filter(point -> point.path().toString().equals(path)).findFirst();
	}

	/** Starts reading every operator of the restore point: its layout, then each keyed operator's figures. */
	public ExplorerRead explore(String job, RestorePoint point) {
		return start(new ExplorerRead(job, point, ExplorerRead.Kind.OVERVIEW, null, null), read -> {
			CheckpointLayout layout = CheckpointLayouts.read(point.uri());
			read.laidOut(layout);
			read.reading("every keyed operator");
			StateReads.figures(point.uri(), layout, layout.keyedOperators(), read::progress).forEach(read::counted);
		});
	}

	/** Starts reading the state {@code key} holds in the operator {@code uid} at the restore point. */
	public ExplorerRead lookUp(String job, RestorePoint point, String uid, String key) {
		return start(new ExplorerRead(job, point, ExplorerRead.Kind.LOOKUP, uid, key), read -> {
			CheckpointLayout layout = CheckpointLayouts.read(point.uri());
			read.laidOut(layout);
			OperatorLayout operator = layout.operator(uid)
				.filter(OperatorLayout::keyed)
				.orElseThrow(() -> new IllegalArgumentException(point.name() + " holds no keyed state of " + uid));
			read.reading(uid);
			read.found(StateReads.lookUp(point.uri(), layout, operator, key));
		});
	}

	/** The latest read, running or ended. */
	public Optional<ExplorerRead> latest() {
		return Optional.ofNullable(latest.get());
	}

	private interface Reading {

		void run(ExplorerRead read) throws Exception;

	}

	private ExplorerRead start(ExplorerRead read, Reading reading) {
		ExplorerRead before = latest.getAndUpdate(current -> (current != null && current.running()) ? current : read);
		if (before != null && before.running()) {
			throw new Busy(before);
		}
		reads.execute(() -> {
			try {
				reading.run(read);
				read.done();
			}
			catch (Exception | LinkageError ex) {
				log.warn("Reading {} of {} failed", read.point().path(), read.job(), ex);
				read.failed(reason(ex));
			}
		});
		return read;
	}

	private static String reason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause == failure) ? String.valueOf(failure.getMessage())
				: failure.getMessage() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
	}

	@Override
	public void destroy() {
		reads.shutdownNow();
	}


}
