package io.statefront.platform.flink;

import java.time.Duration;
import java.time.Instant;

import io.statefront.platform.flink.RestorePoint.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutageGuardTest {

	private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

	private final OutageGuard guard = new OutageGuard(Duration.ofDays(7));

	@Test
	void refusesToResumeTheFunctionsFromACheckpointAsOldAsTheirRecordsOfSagas() {
		RestorePoint weekOld = checkpoint(Duration.ofDays(7).plusHours(1));
		assertThat(guard.refusal("functions", weekOld, NOW)).hasValueSatisfying(reason -> assertThat(reason)
			.contains("'functions' not resumed from chk-42",  "PT169H old", "finished-orders (PT168H)"));
		// the last tenth of the horizon is the replay's: a point that far in is refused too
		assertThat(guard.refusal("functions", checkpoint(Duration.ofDays(7).multipliedBy(9).dividedBy(10)), NOW))
			.isPresent();
	}

	@Test
	void resumesFromYoungerPointsAndOtherJobsWhateverTheirAge() {
		assertThat(guard.refusal("functions", checkpoint(Duration.ofDays(6)), NOW)).isEmpty();
		assertThat(guard.refusal("analytics", checkpoint(Duration.ofDays(30)), NOW)).isEmpty();
	}

	@Test
	void countsASavepointOfACleanStopAsAnyOther() {
		// a run may have resumed from it and sent steps before it crashed without a checkpoint of its own
		RestorePoint stopped = new RestorePoint(Kind.SAVEPOINT, "/data/savepoints/functions/on-stop/savepoint-1",
				NOW.minus(Duration.ofDays(30)));
		assertThat(guard.refusal("functions", stopped, NOW)).isPresent();
	}

	private static RestorePoint checkpoint(Duration age) {
		return new RestorePoint(Kind.CHECKPOINT, "/data/checkpoints/functions/0123/chk-42", NOW.minus(age));
	}

}
