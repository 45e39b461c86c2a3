package io.statefront.platform.flink;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.statefront.support.IntegrationTest;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checkpoint or savepoint taken on request is reported as Flink recorded it, also when the answer
 * to the trigger is lost on its way back: the real cluster takes it, and the answer is replaced by
 * the error a full code cache raised in the console once.
 */
class SnapshotsIntegrationTest extends IntegrationTest {

	private static final String CODE_CACHE_FULL = "Out of space in CodeCache for method handle intrinsic";

	@Autowired
	FlinkRuntime flink;

	@Test
	void aSavepointWhoseAnswerWasLostIsReportedAsTakenFromFlinksStatistics() {
		RestClusterClient<String> client = flink.cluster().client();
		JobID job = flink.running("functions").id();
		Path target = Path.of(RestorePoint.folderOf(flink.savepoints("functions").toString()));

		String path = Snapshots.take(client, job, Snapshots.Kind.SAVEPOINT, Duration.ofMinutes(2),
				() -> client.triggerSavepoint(job, target.toUri().toString(), SavepointFormatType.CANONICAL)
					.thenApply(taken -> {
						throw new InternalError(CODE_CACHE_FULL);
					}))
			.join();

		Path savepoint = Path.of(RestorePoint.folderOf(path));
		assertThat(savepoint).startsWith(target);
		assertThat(savepoint.resolve("_metadata")).isRegularFile();
		assertThat(flink.restorePoints("functions")).extracting(RestorePoint::path).contains(savepoint.toString());
	}

	@Test
	void aCheckpointWhoseAnswerWasLostIsReportedAsTakenFromFlinksStatistics() {
		RestClusterClient<String> client = flink.cluster().client();
		JobID job = flink.running("recommendations").id();

		String path = Snapshots.take(client, job, Snapshots.Kind.CHECKPOINT, Duration.ofMinutes(1),
				() -> client.triggerCheckpoint(job, CheckpointType.DEFAULT).thenApply(taken -> {
					throw new InternalError(CODE_CACHE_FULL);
				}))
			.join();

		assertThat(Path.of(URI.create(path)).resolve("_metadata")).isRegularFile();
		assertThat(path).contains("/recommendations/" + job + "/chk-");
	}

	@Test
	void aTriggerThatNeverReachedFlinkIsReportedAsNoSavepointTaken() throws Exception {
		RestClusterClient<String> client = flink.cluster().client();
		JobID job = flink.running("analytics").id();
		List<Path> before = savepointsOf("analytics");

		CompletableFuture<String> refused = Snapshots.take(client, job, Snapshots.Kind.SAVEPOINT, Duration.ofMinutes(2),
				() -> {
					throw new InternalError(CODE_CACHE_FULL);
				});

		assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
			.cause()
			.hasMessage("Flink took no savepoint (" + CODE_CACHE_FULL + ")");
		assertThat(savepointsOf("analytics")).isEqualTo(before);
	}

	private List<Path> savepointsOf(String job) throws Exception {
		Path dir = Path.of(RestorePoint.folderOf(flink.savepoints(job).toString()));
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (var files = Files.list(dir)) {
			return files.filter(path -> path.getFileName().toString().startsWith("savepoint-")).sorted().toList();
		}
	}

}
