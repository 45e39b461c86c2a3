package io.statefront.platform.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.statefront.platform.StatefrontProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The guard's threshold, and the guard and the usage figures on this machine's real file system. */
class DiskThresholdTest {

	private static final long GB = 1L << 30;

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

	private final FreeSpaceThreshold defaults = new DiskProperties(DataSize.ofGigabytes(2), 5, Duration.ofSeconds(1),
			Duration.ofSeconds(15)).threshold();

	@Test
	void theLargerOfTheFixedMarginAndTheShareOfTheDiskIsKeptFree() {
		// 5 % of 10 GB is 0.5 GB: the 2 GB margin rules
		assertThat(defaults.requiredFree(10 * GB)).isEqualTo(2 * GB);
		// 5 % of 1,000 GB is 50 GB
		assertThat(defaults.requiredFree(1_000 * GB)).isEqualTo(50 * GB);
		// where the two meet
		assertThat(defaults.requiredFree(40 * GB)).isEqualTo(2 * GB);
		assertThat(defaults.requiredFree(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 100 * 5 + Long.MAX_VALUE % 100 * 5 / 100);
	}

	@Test
	void writesStopBelowTheRequiredSpaceNotAtIt() {
		assertThat(defaults.isLow(2 * GB, 10 * GB)).isFalse();
		assertThat(defaults.isLow(2 * GB - 1, 10 * GB)).isTrue();
		assertThat(defaults.isLow(50 * GB, 1_000 * GB)).isFalse();
		assertThat(defaults.isLow(50 * GB - 1, 1_000 * GB)).isTrue();
		assertThat(defaults.isLow(0, 0)).isTrue();
		assertThat(new FreeSpaceThreshold(0, 0).isLow(0, 10 * GB)).isFalse();
	}

	@Test
	void settingsOutOfRangeAreRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new DiskProperties(DataSize.ofBytes(-1), 5, Duration.ofSeconds(1), Duration.ofSeconds(15)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new DiskProperties(DataSize.ofGigabytes(2), 101, Duration.ofSeconds(1), Duration.ofSeconds(15)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new DiskProperties(DataSize.ofGigabytes(2), 5, Duration.ZERO, Duration.ofSeconds(15)));
	}

	@Test
	void theGuardReadsTheFileSystemOfTheDataDirectoryEvenBeforeItExists(@TempDir Path dir) {
		Path dataDir = dir.resolve("not/made/yet");
		DiskGuard open = new DiskGuard(dataDir, new FreeSpaceThreshold(0, 0), Duration.ofSeconds(1), CLOCK);
		open.check();
		assertThat(open.space().known()).isTrue();
		assertThat(open.space().totalBytes()).isPositive();
		assertThat(open.refusesWrites()).isFalse();
		assertThat(new DataDiskHealthIndicator(open).health().getStatus().getCode()).isEqualTo("UP");

		DiskGuard full = new DiskGuard(dataDir, new FreeSpaceThreshold(Long.MAX_VALUE, 0), Duration.ofSeconds(1), CLOCK);
		assertThat(full.refusesWrites()).as("before its first reading").isFalse();
		full.check();
		assertThat(full.refusesWrites()).isTrue();
		var health = new DataDiskHealthIndicator(full).health();
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails()).containsEntry("threshold", Long.MAX_VALUE)
			.containsEntry("refusingWrites", true)
			.containsKeys("free", "total", "path");
	}

	@Test
	void theUsageFiguresAddUpTheFilesOfEachPartLeavingOutTheBrokersPreallocatedIndexes(@TempDir Path dataDir) throws IOException {
		StatefrontProperties properties = new StatefrontProperties(dataDir);
		Files.createDirectories(properties.kafkaLogDir().resolve("users-0"));
		Files.write(properties.kafkaLogDir().resolve("users-0/00000.log"), new byte[1000]);
		Files.write(properties.kafkaLogDir().resolve("meta.properties"), new byte[24]);
		// as the broker preallocates an open segment's indexes: long, and sparse on disk
		for (String index : new String[] { "users-0/00000.index", "users-0/00000.timeindex" }) {
			try (RandomAccessFile file = new RandomAccessFile(properties.kafkaLogDir().resolve(index).toFile(), "rw")) {
				file.setLength(10 * 1024 * 1024);
			}
		}
		Files.createDirectories(properties.checkpointsDir().resolve("functions/run/chk-3"));
		Files.write(properties.checkpointsDir().resolve("functions/run/chk-3/_metadata"), new byte[500]);
		Files.write(dataDir.resolve("remember-me.key"), new byte[32]);

		DataDirUsage usage = new DataDirUsage(properties, Duration.ofSeconds(15), CLOCK);
		assertThat(usage.latest().measured()).isFalse();
		usage.measure();

		DataDirUsage.Usage measured = usage.latest();
		assertThat(measured.measuredAt()).isEqualTo(CLOCK.instant());
		assertThat(measured.totalBytes()).isEqualTo(1000 + 24 + 500 + 32);
		assertThat(measured.parts()).extracting(DataDirUsage.Part::name)
			.containsExactly("broker log", "checkpoints", "savepoints", "checkpoint history", "metric history", "archive",
					"state (RocksDB's working copy)");
		assertThat(measured.parts().get(0)).isEqualTo(new DataDirUsage.Part("broker log", properties.kafkaLogDir(), 1024, true));
		assertThat(measured.parts().get(1).bytes()).isEqualTo(500);
		assertThat(measured.parts().get(2)).isEqualTo(new DataDirUsage.Part("savepoints", properties.savepointsDir(), 0, false));
	}

}
