package io.statefront.support;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;

/** A clock for the rate limits' token buckets that moves only when a test moves it. */
public final class ManualTime implements TimeMeter {

	private long nanos = 1_000_000_000L;

	public void advance(Duration duration) {
		nanos += duration.toNanos();
	}

	@Override
	public long currentTimeNanos() {
		return nanos;
	}

	@Override
	public boolean isWallClockBased() {
		return false;
	}

}
