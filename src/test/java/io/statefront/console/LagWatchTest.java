package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's lag is marked when it is more than the patience behind (its committed offset below
 * where the partition ended that long ago), not for trailing by a checkpoint's worth of records.
 */
class LagWatchTest {

	private final MovingClock clock = new MovingClock();

	private final LagWatch watch = new LagWatch(Duration.ofMinutes(1), clock);

	@Test
	void aGroupThatCommitsWhatItReadAtEachCheckpointIsNotMarked() {
		// 200 records a second; a checkpoint every 10 s commits what was read by then
		long committed = 0;
		for (int second = 0; second <= 300; second += 3) {
			watch.sawEnd("website-analytics-events-0", second * 200L);
			if (second % 10 < 3) {
				committed = (second - second % 10) * 200L;
			}
			assertThat(watch.tooFarBehind("website-analytics-events-0", committed)).as("at %d s", second).isFalse();
			clock.pass(Duration.ofSeconds(3));
		}
	}

	@Test
	void aGroupThatFallsBehindTheTopicsRateIsMarkedOnceItIsMoreThanThePatienceBehind() {
		// 200 records a second in, 150 read and committed
		boolean marked = false;
		int second = 0;
		for (; second <= 600 && !marked; second += 3) {
			watch.sawEnd("website-analytics-events-0", second * 200L);
			marked = watch.tooFarBehind("website-analytics-events-0", second * 150L);
			clock.pass(Duration.ofSeconds(3));
		}
		// 50 records a second more than it reads: more than a minute (12,000 records) behind after four minutes
		assertThat(marked).isTrue();
		assertThat(second).isBetween(240, 250);
	}

	@Test
	void aGroupWhoseCommitsStopWhileRecordsArriveIsMarkedAfterThePatience() {
		watch.sawEnd("orders-0", 100);
		clock.pass(Duration.ofSeconds(30));
		watch.sawEnd("orders-0", 130);
		clock.pass(Duration.ofSeconds(31));
		watch.sawEnd("orders-0", 150);
		// what arrived after 100 may be younger than a minute
		assertThat(watch.tooFarBehind("orders-0", 100)).isFalse();
		clock.pass(Duration.ofSeconds(30));
		watch.sawEnd("orders-0", 160);
		// the records up to 130 arrived more than a minute ago
		assertThat(watch.tooFarBehind("orders-0", 100)).isTrue();
		// it commits again
		assertThat(watch.tooFarBehind("orders-0", 160)).isFalse();
	}

	@Test
	void nothingIsMarkedBeforeThePartitionHasBeenWatchedForThePatience() {
		watch.sawEnd("users-0", 5_000);
		clock.pass(Duration.ofSeconds(59));
		watch.sawEnd("users-0", 5_000);
		assertThat(watch.tooFarBehind("users-0", 0)).isFalse();
		assertThat(watch.tooFarBehind("stock-0", 0)).isFalse();
		clock.pass(Duration.ofSeconds(2));
		assertThat(watch.tooFarBehind("users-0", 0)).isTrue();
		assertThat(watch.tooFarBehind("users-0", 5_000)).isFalse();
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-02T01:57:36Z");

		void pass(Duration time) {
			now = now.plus(time);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
