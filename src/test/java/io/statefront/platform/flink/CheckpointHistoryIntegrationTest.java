package io.statefront.platform.flink;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.flink.CheckpointRecord.Status;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint history outlives the process that recorded it, even one killed mid-line. */
class CheckpointHistoryIntegrationTest extends IntegrationTest {

	@Autowired
	FlinkRuntime flink;

	@Autowired
	JobRequests requests;

	@Autowired
	CheckpointHistory history;

	@Autowired
	StatefrontProperties statefront;

	@Test
	void aNewRunReadsEveryCheckpointTheEarlierOneRecorded() throws Exception {
		String path = requests.triggerCheckpoint("recommendations").join();
		history.refresh();
		CheckpointRecord taken = history.history("recommendations")
			.stream()
			.filter(record -> path.equals(record.path()))
			.findFirst()
			.orElseThrow();
		assertThat(taken.status()).isEqualTo(Status.COMPLETED);
		assertThat(taken.savepoint()).isFalse();
		assertThat(taken.tasks()).isNotEmpty().allSatisfy(task -> assertThat(task.subtasks()).isPositive());
		assertThat(Path.of(URI.create(path))).exists();

		// a crash while a line was being written leaves half of it
		Files.writeString(statefront.checkpointHistoryDir().resolve("recommendations.jsonl"), "{\"job\":\"recomm",
				StandardOpenOption.APPEND);

		CheckpointHistory nextRun = new CheckpointHistory(flink, statefront);
		nextRun.load();
		assertThat(nextRun.history("recommendations")).contains(taken);
		assertThat(nextRun.counts("recommendations").restored())
			.isEqualTo(history.counts("recommendations").restored());
		assertThat(Files.readAllLines(statefront.checkpointHistoryDir().resolve("recommendations.jsonl")))
			.noneMatch(line -> line.startsWith("{\"job\":\"recomm") && !line.endsWith("}"));
	}

}
