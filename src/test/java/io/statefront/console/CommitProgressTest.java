package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A group's lag is marked only when its committed offsets stand still while it is behind. */
class CommitProgressTest {

	private final MovingClock clock = new MovingClock();

	private final CommitProgress progress = new CommitProgress(Duration.ofMinutes(1), clock);

	@Test
	void aLagThatEachCheckpointsCommitMovesOnIsNormal() {
		// a checkpoint every 10 s commits what was read; the lag in between is what arrived since
		for (int checkpoint = 0; checkpoint < 30; checkpoint++) {
			assertThat(progress.stalled("statefront-job-functions", "users", checkpoint * 2_000L, 2_000)).isFalse();
			clock.pass(Duration.ofSeconds(10));
		}
	}

	@Test
	void aLagWhoseCommittedOffsetsStandStillLongerThanThePatienceIsMarked() {
		assertThat(progress.stalled("statefront-job-analytics", "website-analytics-events", 5_000, 300)).isFalse();
		clock.pass(Duration.ofSeconds(60));
		assertThat(progress.stalled("statefront-job-analytics", "website-analytics-events", 5_000, 12_300)).isFalse();
		clock.pass(Duration.ofSeconds(1));
		assertThat(progress.stalled("statefront-job-analytics", "website-analytics-events", 5_000, 12_500)).isTrue();

		// its checkpoints complete again
		assertThat(progress.stalled("statefront-job-analytics", "website-analytics-events", 17_500, 40)).isFalse();
	}

	@Test
	void aGroupThatHasReadEverythingIsNotMarkedHoweverLongItWaits() {
		progress.stalled("statefront-job-functions", "orders", 80, 0);
		clock.pass(Duration.ofHours(2));
		assertThat(progress.stalled("statefront-job-functions", "orders", 80, 0)).isFalse();
	}

	@Test
	void eachGroupAndTopicIsWatchedOnItsOwn() {
		progress.stalled("statefront-job-functions", "users", 10, 5);
		clock.pass(Duration.ofMinutes(2));
		assertThat(progress.stalled("statefront-job-functions", "stock", 10, 5)).isFalse();
		assertThat(progress.stalled("statefront-job-functions", "users", 10, 5)).isTrue();
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
