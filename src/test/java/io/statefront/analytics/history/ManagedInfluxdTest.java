package io.statefront.analytics.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.statefront.support.Installed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/** The influxd the application runs for itself: started, stopped, and cleaned up after a crash. */
class ManagedInfluxdTest {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	@TempDir
	Path home;

	@Test
	void runsOnLoopbackWithItsFilesUnderItsHomeUntilClosed() throws IOException {
		ManagedInfluxd influxd = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		long pid = influxd.pid();
		try {
			assertThat(influxd.url()).startsWith("http://127.0.0.1:");
			assertThat(InfluxQl.query(influxd.url(), "", "SHOW DATABASES").path("results").isArray()).isTrue();
			assertThat(Files.readString(home.resolve("influxd.pid")).trim()).isEqualTo(Long.toString(pid));
			assertThat(home.resolve("influxdb.conf")).content().contains("reporting-disabled = true");
			assertThat(home.resolve("meta")).isDirectory();
		}
		finally {
			influxd.close();
		}
		assertThat(InfluxdProcesses.running(pid)).isFalse();
		assertThat(home.resolve("influxd.pid")).doesNotExist();
	}

	@Test
	void endsWhenTheJvmThatStartedItEndsHoweverItEnds() throws IOException {
		ManagedInfluxd influxd = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		try {
			// what a kill -9 of this JVM does to the watchdog: its standard input closes
			influxd.abandon();

			await().atMost(Duration.ofSeconds(15)).until(() -> !InfluxdProcesses.running(influxd.pid()));
		}
		finally {
			influxd.close();
		}
	}

	@Test
	void endsWhenItsWatchdogIsSignalled() throws IOException {
		ManagedInfluxd influxd = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		try {
			ProcessHandle.of(influxd.watchdogPid()).orElseThrow().destroy();

			await().atMost(Duration.ofSeconds(15)).until(() -> !InfluxdProcesses.running(influxd.pid()));
		}
		finally {
			influxd.close();
		}
		assertThat(home.resolve("influxd.pid")).doesNotExist();
	}

	@Test
	void endsTheInfluxdACrashedRunLeftOnItsDataBeforeStartingAnother() throws IOException {
		// a previous run's influxd, its application and watchdog gone, its pid file still there
		Path config = home.resolve("influxdb.conf");
		Files.writeString(config, InfluxdProcesses.config(home, InfluxdProcesses.freePort(), InfluxdProcesses.freePort()));
		Process leftover = new ProcessBuilder(Installed.influxd().toString(), "-config", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve("leftover.log").toFile())
			.start();
		Files.writeString(home.resolve("influxd.pid"), leftover.pid() + "\n");

		ManagedInfluxd next = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		try {
			assertThat(leftover.isAlive()).isFalse();
			assertThat(InfluxQl.query(next.url(), "", "SHOW DATABASES").path("results").isArray()).isTrue();
		}
		finally {
			next.close();
			leftover.destroyForcibly();
		}
	}

	@Test
	void leavesTheInfluxdOfAnotherApplicationOnTheSameDataDirectoryAlone() throws IOException {
		ManagedInfluxd first = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		try {
			assertThatIOException().isThrownBy(() -> ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP))
				.withMessageContaining("Another application runs the influxd of " + home);
			assertThat(InfluxdProcesses.running(first.pid())).isTrue();
		}
		finally {
			first.close();
		}
	}

	@Test
	void takesAnUnreadablePidFileForStale() throws IOException {
		Files.writeString(home.resolve("influxd.pid"), "");

		ManagedInfluxd influxd = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		influxd.close();
	}

	@Test
	void saysWhyWhenItCannotStart(@TempDir Path other) throws IOException {
		ManagedInfluxd running = ManagedInfluxd.start(Installed.influxd(), home, 0, STARTUP);
		try {
			int taken = Integer.parseInt(running.url().substring(running.url().lastIndexOf(':') + 1));

			assertThatIOException().isThrownBy(() -> ManagedInfluxd.start(Installed.influxd(), other, taken, STARTUP))
				.withMessageContaining("Port " + taken + " on 127.0.0.1 is taken");
			assertThat(other.resolve("influxd.pid")).doesNotExist();
		}
		finally {
			running.close();
		}
		assertThat(Files.exists(home.resolve("influxd.pid"))).isFalse();
	}

}
