package io.statefront.platform.flink;

import java.time.Duration;

import io.statefront.platform.RetentionProperties;

import org.springframework.stereotype.Component;

/**
 * Refuses to start when the command topics would not keep what a restore replays (architecture
 * rule 9): their retention ({@code statefront.retention.command-log}) must outlast the oldest
 * checkpoint a job may restore from while it runs.
 *
 * <p>That age is bounded by the checkpoint settings: a job keeps {@code checkpoints-retained}
 * completed checkpoints, one begun at most every {@code max(interval, timeout + min-pause)}, and
 * restarts from the newest once more than {@code tolerable-failed-checkpoints} in a row have failed,
 * each after at most {@code timeout + min-pause}. A savepoint is as old as the operator keeps it:
 * one whose offsets the log no longer holds fails its restore (see {@code FlinkKafka}).
 */
@Component
final class CommandLogHorizon {

	CommandLogHorizon(FlinkProperties flink, RetentionProperties retention) {
		Duration reach = oldestRestorePoint(flink);
		if (retention.commandLog().compareTo(reach) < 0) {
			throw new IllegalStateException(("statefront.retention.command-log (%s) is shorter than the age the oldest "
					+ "retained checkpoint can reach (%s, from statefront.flink.checkpoints-retained, checkpoint-interval, "
					+ "checkpoint-timeout, checkpoint-min-pause and tolerable-failed-checkpoints): a restore would find "
					+ "its commands deleted. Keep the command log longer or checkpoint more often.")
				.formatted(retention.commandLog(), reach));
		}
		// a restore sends again the saga steps its orders sent after the restore point: the
		// participants must still hold those sagas' records when the copies arrive
		if (OutageGuard.oldestPoint(retention.finishedOrders()).compareTo(reach) < 0) {
			throw new IllegalStateException(("nine tenths of statefront.retention.finished-orders (%s) is shorter than "
					+ "the age the oldest retained checkpoint can reach (%s): a restore could apply a saga's step twice, "
					+ "and the functions job would refuse to resume from it (OutageGuard).")
				.formatted(retention.finishedOrders(), reach));
		}
		// a client's retry within the key's horizon must find the order that answered it the first time
		if (retention.idempotencyKeys().compareTo(retention.finishedOrders()) > 0
				|| retention.idempotencyKeys().compareTo(retention.openOrders()) > 0) {
			throw new IllegalStateException(("statefront.retention.idempotency-keys (%s) is longer than finished-orders "
					+ "(%s) or open-orders (%s): a retry of a request to an order could find the order forgotten and be "
					+ "answered differently.").formatted(retention.idempotencyKeys(), retention.finishedOrders(),
							retention.openOrders()));
		}
	}

	static Duration oldestRestorePoint(FlinkProperties flink) {
		Duration failing = flink.checkpointTimeout().plus(flink.checkpointMinPause());
		Duration cycle = (flink.checkpointInterval().compareTo(failing) > 0) ? flink.checkpointInterval() : failing;
		return cycle.multipliedBy(flink.checkpointsRetained()).plus(failing.multipliedBy(flink.tolerableFailedCheckpoints()));
	}

}
