package io.statefront.platform.flink;

import java.time.Duration;

import io.statefront.platform.RetentionProperties;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CommandLogHorizonTest {

	@Test
	void theOldestRetainedCheckpointIsBoundedByTheCheckpointSettings() {
		// 3 retained, each begun at most every max(10 s, 2 min + 5 s), and 5 failures of 2 min 5 s
		assertThat(CommandLogHorizon.oldestRestorePoint(flink(Duration.ofSeconds(10))))
			.isEqualTo(Duration.ofSeconds(3 * 125 + 5 * 125));
		assertThat(CommandLogHorizon.oldestRestorePoint(flink(Duration.ofHours(1))))
			.isEqualTo(Duration.ofHours(3).plusSeconds(5 * 125));
	}

	@Test
	void aCommandLogShorterThanARestoreCanReachStopsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new CommandLogHorizon(flink(Duration.ofHours(1)), retention(Duration.ofHours(2))))
			.withMessageContaining("statefront.retention.command-log (PT2H) is shorter than")
			.withMessageContaining("PT3H10M25S");
		assertThatNoException()
			.isThrownBy(() -> new CommandLogHorizon(flink(Duration.ofSeconds(10)), retention(Duration.ofDays(7))));
	}

	@Test
	void sagaRecordsTheOutageGuardWouldNotResumeFromStopTheStart() {
		// a restore point may reach 3 h 10 min 25 s; nine tenths of 3 h 30 min is 3 h 9 min
		assertThatIllegalStateException()
			.isThrownBy(() -> new CommandLogHorizon(flink(Duration.ofHours(1)),
					finishedOrders(retention(Duration.ofDays(7)), Duration.ofMinutes(210))))
			.withMessageContaining("nine tenths of statefront.retention.finished-orders (PT3H30M)");
		assertThatNoException().isThrownBy(() -> new CommandLogHorizon(flink(Duration.ofHours(1)),
				finishedOrders(retention(Duration.ofDays(7)), Duration.ofMinutes(212))));
	}

	private static RetentionProperties finishedOrders(RetentionProperties retention, Duration finishedOrders) {
		return new RetentionProperties(retention.idempotencyKeys().compareTo(finishedOrders) > 0 ? finishedOrders
				: retention.idempotencyKeys(), finishedOrders, retention.openOrders(), retention.shopperBehaviour(),
				retention.commandLog(), retention.replies(), retention.events(), retention.topicBytes(),
				retention.entityHistory(), retention.entityHistoryBytes());
	}

	private static FlinkProperties flink(Duration checkpointInterval) {
		return new FlinkProperties(FlinkProperties.Mode.EMBEDDED, new FlinkProperties.Remote("localhost", 8081), 1,
				checkpointInterval, 3, Duration.ofSeconds(5), Duration.ofMinutes(2), 5, FlinkProperties.StateBackend.ROCKSDB,
				DataSize.ofMegabytes(256), Duration.ZERO, 8, false, false, new FlinkProperties.Election(false, Duration.ofSeconds(10), null));
	}

	private static RetentionProperties retention(Duration commandLog) {
		RetentionProperties defaults = RetentionProperties.defaults();
		return new RetentionProperties(defaults.idempotencyKeys(), defaults.finishedOrders(), defaults.openOrders(),
				defaults.shopperBehaviour(), commandLog, defaults.replies(), defaults.events(), defaults.topicBytes(),
				defaults.entityHistory(), defaults.entityHistoryBytes());
	}

}
