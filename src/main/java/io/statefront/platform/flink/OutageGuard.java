package io.statefront.platform.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses to resume the functions job from a restore point older than the users' and items'
 * records of sagas ({@code statefront.retention.finished-orders}): at a start after an outage that
 * long, or on an operator's restart from an old point (architecture rule 9). The restore would send
 * again the saga steps its orders sent after the point, with new append times past the horizon of
 * the records that make them repeats ({@code SagaParticipation}), and a participant would apply
 * such a copy a second time.
 *
 * <p>Every kind of point counts, a savepoint taken at a clean stop too: a run may have resumed from
 * it and sent steps before it crashed without a checkpoint of its own, and on the console an old
 * one is as dangerous as any. The point must be younger than nine tenths of the horizon: the last
 * tenth is for what the age does not count, the replay after the restart and the copies sent
 * during it ({@link CommandLogHorizon} keeps the retained checkpoints younger than that).
 */
final class OutageGuard {

	/** The share of the horizon a restore point may reach. */
	static final double REACH = 0.9;

	private final Duration sagaRecords;

	OutageGuard(Duration sagaRecords) {
		this.sagaRecords = sagaRecords;
	}

	/** The oldest a point the functions job resumes from may be. */
	static Duration oldestPoint(Duration sagaRecords) {
		return Duration.ofMillis((long) (sagaRecords.toMillis() * REACH));
	}

	/** Why {@code job} must not resume from {@code point} at {@code now}; empty when it may. */
	Optional<String> refusal(String job, RestorePoint point, Instant now) {
		Duration age = Duration.between(point.completedAt(), now);
		if (!FlinkJobPart.FUNCTIONS_JOB.equals(job) || age.compareTo(oldestPoint(sagaRecords)) < 0) {
			return Optional.empty();
		}
		return Optional.of(("Flink job '%s' not resumed from %s: it is %s old, too close to "
				+ "statefront.retention.finished-orders (%s). Resuming from it would send again the saga steps its orders "
				+ "sent after it, and the users and items, which keep their record of a saga that long only, would apply "
				+ "them a second time. Restart the application with finished-orders longer than the point's age, or "
				+ "restart the job from a newer point (docs/operations.md)")
			.formatted(job, point.name(), age.withNanos(0), sagaRecords));
	}

}
