package io.statefront.platform.flink;

import java.io.Serializable;
import java.time.Duration;

import io.statefront.platform.RetentionProperties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How long the entity functions keep each kind of state (architecture rule 8), measured by the
 * clock of their input: the time the broker appended each message ({@code LogAppendTime} on every
 * command topic). That clock is part of the log, so a replay after a restore sees the same times and
 * forgets the same things at the same points of each entity's input (rule 3).
 *
 * <p>State is forgotten in two steps. <em>Logically</em>: a function handling a message at time
 * {@code t} treats whatever passed its horizon by {@code t} as gone, whether or not it is still
 * stored. <em>Physically</em>: an event-time timer removes it once the watermark shows that every
 * message still to come for the entity is later than the horizon. One partition's append times
 * never go back, and an entity's messages all travel in one partition (rule 2), so after the
 * watermark passes {@code T} no message for the entity is older than {@code T - grace} (the grace
 * covers a partition that was idle while the others moved the watermark on, and clocks of brokers
 * that differ a little). Removing only what had passed its horizon by {@code T - grace} therefore
 * removes only what every later message would treat as gone: when the timer fires never changes an
 * answer.
 *
 * @param idempotencyKeysMs how long a repeated idempotency key is answered from memory
 * @param finishedOrdersMs how long a paid order, and each participant's record of its saga, is kept
 * @param openOrdersMs how long an unpaid order is kept after its last change
 * @param graceMs how much older than the watermark a message may still be
 */
public record Horizons(long idempotencyKeysMs, long finishedOrdersMs, long openOrdersMs, long graceMs)
		implements Serializable {

	/** How long a partition may send nothing before the watermark moves on without it. */
	static final Duration IDLE_PARTITION = Duration.ofSeconds(30);

	static final Duration GRACE = Duration.ofMinutes(1);

	/** For timestamps a message may lack (an in-memory test source): such a message forgets nothing. */
	public static final long NO_TIME = Long.MIN_VALUE;

	public static Horizons of(RetentionProperties retention) {
		return new Horizons(retention.idempotencyKeys().toMillis(), retention.finishedOrders().toMillis(),
				retention.openOrders().toMillis(), GRACE.toMillis());
	}

	public static Horizons defaults() {
		return of(RetentionProperties.defaults());
	}

	/**
	 * Watermarks for a command topic's source: each partition's append times, which never go back;
	 * a partition that has sent nothing for a while does not hold the others back.
	 */
	public static <T> WatermarkStrategy<T> commandTimestamps() {
		return WatermarkStrategy.<T>forMonotonousTimestamps().withIdleness(IDLE_PARTITION);
	}

	/** The time of a message as the function got it, {@link #NO_TIME} when it has none. */
	public static long timeOf(Long timestamp) {
		return (timestamp != null) ? timestamp : NO_TIME;
	}

	/**
	 * Whether something begun at {@code since} has passed a horizon of {@code horizonMs} by {@code now}.
	 * A start that is not known ({@link #NO_TIME}, or 0: state written before its horizon was kept, read
	 * back with the field's default) never has: see {@link #known}.
	 */
	public static boolean passed(long since, long horizonMs, long now) {
		return now != NO_TIME && known(since) && now - since >= horizonMs;
	}

	/** Whether {@code time} is a time at all: append times are never 0 or below. */
	public static boolean known(long time) {
		return time > 0;
	}

	/**
	 * When to look again at something begun at {@code since}: its horizon plus the grace, rounded up
	 * to a hundredth of the horizon (at least a second), so that a busy entity holds a timer per
	 * hundredth of a horizon rather than one per message.
	 */
	public long cleanupTime(long since, long horizonMs) {
		long step = Math.max(1000, horizonMs / 100);
		long due = since + horizonMs + graceMs;
		return Math.floorDiv(due + step - 1, step) * step;
	}

	/** The latest time whose passed horizons a timer firing at {@code timerTime} may remove. */
	public long forgettableBy(long timerTime) {
		return timerTime - graceMs;
	}

}
