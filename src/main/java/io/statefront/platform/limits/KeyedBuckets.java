package io.statefront.platform.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * A token bucket (Bucket4j) per key — a client address, a credential — kept in a cache of bounded
 * size (Caffeine), never in a map that grows with the keys clients bring.
 *
 * <p>Why bounded, and why that is safe: the keys are the clients' to choose (addresses, and with
 * IPv6 there are many), so an unbounded map is memory an attacker can fill. A key not asked for
 * during the time its bucket takes to refill completely is dropped: it would be full again, so
 * dropping it forgets nothing. Past {@code maxKeys} keys, Caffeine drops those least likely to be
 * asked for again (its admission policy keeps a key in use against a flood of new ones); a dropped
 * key starts again with a full bucket, which is what the bound costs.
 */
public final class KeyedBuckets {

	private final Bandwidth limit;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	public KeyedBuckets(Bandwidth limit, long maxKeys) {
		this(limit, maxKeys, TimeMeter.SYSTEM_MILLISECONDS);
	}

	/** With a clock of the tests' own; the cache's expiry follows it too. */
	public KeyedBuckets(Bandwidth limit, long maxKeys, TimeMeter time) {
		this.limit = limit;
		this.time = time;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(timeToRefill(limit))
			.ticker((time == TimeMeter.SYSTEM_MILLISECONDS) ? Ticker.systemTicker() : time::currentTimeNanos)
			// evictions on the calling thread: the bound holds without a background pool
			.executor(Runnable::run)
			.build();
	}

	public Bucket bucket(String key) {
		return buckets.get(key, any -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build());
	}

	/** How many keys are held now. */
	public long size() {
		buckets.cleanUp();
		return buckets.estimatedSize();
	}

	/** How long an empty bucket of {@code limit} takes to be full again. */
	static Duration timeToRefill(Bandwidth limit) {
		long periods = (limit.getCapacity() + limit.getRefillTokens() - 1) / limit.getRefillTokens();
		return Duration.ofNanos(Math.multiplyExact(periods, limit.getRefillPeriodNanos()));
	}

	/** Seconds to tell a client to wait ({@code Retry-After}): at least one. */
	public static long seconds(long nanosToWait) {
		return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
	}

}
