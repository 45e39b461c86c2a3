package io.statefront.platform.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RetainedCheckpointsTest {

	@TempDir
	Path jobDir;

	@Test
	void hasNothingToResumeFromWhenTheJobNeverCheckpointed() {
		assertThat(new RetainedCheckpoints(jobDir.resolve("never-ran")).latestComplete()).isEmpty();
		assertThat(new RetainedCheckpoints(jobDir).latestComplete()).isEmpty();
	}

	@Test
	void resumesFromTheNewestCheckpointThatCompletedAcrossRuns() throws IOException {
		completed("run-a/chk-7", 1_000);
		completed("run-b/chk-8", 2_000);
		Path newest = completed("run-b/chk-9", 3_000);
		Files.createDirectories(jobDir.resolve("run-b/chk-10"));

		assertThat(new RetainedCheckpoints(jobDir).latestComplete()).contains(newest);
	}

	@Test
	void deletesEveryOtherRunButTheOneResumedFrom() throws IOException {
		completed("run-a/chk-1", 1_000);
		Path kept = completed("run-b/chk-2", 2_000);
		Files.createDirectories(jobDir.resolve("run-c/chk-3"));
		RetainedCheckpoints checkpoints = new RetainedCheckpoints(jobDir);

		checkpoints.deleteRunsOtherThan(Optional.of(kept));

		assertThat(jobDir.resolve("run-a")).doesNotExist();
		assertThat(jobDir.resolve("run-c")).doesNotExist();
		assertThat(checkpoints.completed()).containsExactly(kept);
	}

	private Path completed(String checkpoint, long millis) throws IOException {
		Path dir = Files.createDirectories(jobDir.resolve(checkpoint));
		Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
		Files.setLastModifiedTime(metadata, FileTime.fromMillis(millis));
		return dir;
	}

}
