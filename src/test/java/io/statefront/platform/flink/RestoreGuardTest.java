package io.statefront.platform.flink;

import java.util.Optional;

import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the guard reads a restore that failed on state this build cannot read: the failure below is
 * what Flink reported when build c5b7036's savepoint (its order state under {@code io.statefront.shop})
 * was restored by the build that moved that state into {@code io.statefront.order}.
 */
class RestoreGuardTest {

	private static final String FAILURE = """
			java.lang.Exception: Exception while creating StreamOperatorStateContext.
				at org.apache.flink.streaming.api.operators.StreamTaskStateInitializerImpl.streamOperatorStateContext(StreamTaskStateInitializerImpl.java:340)
			Caused by: org.apache.flink.util.FlinkException: Could not restore keyed state backend for KeyedProcessOperator_f7e9bdb40f73f98d6c53f058ae4c8bf8_(1/1) from any of the 1 provided restore options.
			Caused by: java.io.IOException: Could not find class 'io.statefront.shop.Order' in classpath.
				at org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshotData.readSnapshotData(PojoSerializerSnapshotData.java:191)
			Caused by: java.lang.ClassNotFoundException: io.statefront.shop.Order
			""";

	private final String savepoint = "/data/savepoints/functions/on-stop/savepoint-2c9836-50e0a0713b88";

	@Test
	void aRestoreOfStateTypesThisBuildLacksIsStoppedWithTheTypeAndWhatToDo() {
		FlinkRuntime.RunningJob restored = new FlinkRuntime.RunningJob("functions", new JobID(), Optional.of(savepoint), 1);

		assertThat(RestoreGuard.unreadableState(restored, FAILURE)).hasValueSatisfying(reason -> assertThat(reason)
			.contains("Flink job 'functions' stopped", savepoint, "io.statefront.shop.Order",
					"another version of the application", "Upgrading"));
	}

	@Test
	void aJobWithoutRestorePointOrWithAnotherFailureIsLeftToFlinksRestarts() {
		FlinkRuntime.RunningJob fresh = new FlinkRuntime.RunningJob("functions", new JobID(), Optional.empty(), 1);
		FlinkRuntime.RunningJob restored = new FlinkRuntime.RunningJob("functions", new JobID(), Optional.of(savepoint), 1);

		assertThat(RestoreGuard.unreadableState(fresh, FAILURE)).isEmpty();
		assertThat(RestoreGuard.unreadableState(restored,
				"java.net.ConnectException: Connection refused: localhost/127.0.0.1:9092")).isEmpty();
	}

}
