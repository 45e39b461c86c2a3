package io.statefront.platform.gateway;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The timer of {@link org.springframework.kafka.requestreply.ReplyingKafkaTemplate}'s reply
 * timeouts, on a grid of {@value #GRID_MILLIS} ms. The template schedules a timeout for every
 * request and never cancels it: it runs when its time comes and finds the request long answered.
 * On the timer the template makes for itself each of those ran at its own millisecond, so the
 * timer's thread woke for every request (1,150 times a second at 1,500 ledger operations a second, docs/benchmarks.md,
 * "What the ledger costs below saturation"). Rounded up to the grid, the timeouts of a tenth of a
 * second fall due together and run in one wake-up.
 *
 * <p>A timeout fires up to {@value #GRID_MILLIS} ms late and never early: a request is never
 * given up while its time is still running.
 */
final class ReplyTimeouts extends ThreadPoolTaskScheduler {

	static final long GRID_MILLIS = 100;

	ReplyTimeouts() {
		setThreadNamePrefix("reply-timeouts-");
		setDaemon(true);
		initialize();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return super.schedule(task, onTheGrid(startTime));
	}

	/** The first instant of the grid at or after {@code time}. */
	static Instant onTheGrid(Instant time) {
		long millis = time.toEpochMilli() + ((time.getNano() % 1_000_000 > 0) ? 1 : 0);
		return Instant.ofEpochMilli((millis + GRID_MILLIS - 1) / GRID_MILLIS * GRID_MILLIS);
	}

}
