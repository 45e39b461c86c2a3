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
		assertThat(new RetainedCheckpoints(jobDir.resolve("never-ran").toString()).latestComplete()).isEmpty();
		assertThat(new RetainedCheckpoints(jobDir.toString()).latestComplete()).isEmpty();
	}

	@Test
	void resumesFromTheNewestCheckpointThatCompletedAcrossRuns() throws IOException {
		completed("run-a/chk-7", 1_000);
		completed("run-b/chk-8", 2_000);
		Path newest = completed("run-b/chk-9", 3_000);
		Files.createDirectories(jobDir.resolve("run-b/chk-10"));
		Files.writeString(jobDir.resolve("run-b/not-a-run"), "x");

		assertThat(new RetainedCheckpoints(jobDir.toString()).latestComplete()).contains(newest.toString());
		assertThat(new RetainedCheckpoints("file:" + jobDir).latestComplete()).contains(newest.toString());
	}

	@Test
	void deletesEveryOtherRunButTheOneResumedFrom() throws IOException {
		completed("run-a/chk-1", 1_000);
		Path kept = completed("run-b/chk-2", 2_000);
		Files.createDirectories(jobDir.resolve("run-c/chk-3"));
		RetainedCheckpoints checkpoints = new RetainedCheckpoints(jobDir.toString());

		checkpoints.deleteRunsOtherThan(Optional.of(kept.toString()));

		assertThat(jobDir.resolve("run-a")).doesNotExist();
		assertThat(jobDir.resolve("run-c")).doesNotExist();
		assertThat(checkpoints.completed()).containsExactly(kept.toString());
	}

	@Test
	void keepsTheNewestSavepointsOfAFolder() throws IOException {
		Path savepoints = jobDir.resolve("on-stop");
		completed("on-stop/savepoint-a", 1_000);
		Path middle = completed("on-stop/savepoint-b", 2_000);
		Path newest = completed("on-stop/savepoint-c", 3_000);
		Files.createDirectories(jobDir.resolve("on-stop/savepoint-unfinished"));

		RetainedCheckpoints.keepNewestSavepoints(SnapshotFiles.path(savepoints.toString()), 2);

		assertThat(RetainedCheckpoints.savepoints(savepoints.toString())).containsExactly(middle.toString(),
				newest.toString());
	}

	private Path completed(String checkpoint, long millis) throws IOException {
		Path dir = Files.createDirectories(jobDir.resolve(checkpoint));
		Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
		Files.setLastModifiedTime(metadata, FileTime.fromMillis(millis));
		return dir;
	}

}
