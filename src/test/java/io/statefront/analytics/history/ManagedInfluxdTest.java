package io.statefront.analytics.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.statefront.support.Influxd;
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
		ManagedInfluxd influxd = ManagedInfluxd.start(Influxd.require(), home, 0, STARTUP);
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
		assertThat(ManagedInfluxd.running(pid)).isFalse();
		assertThat(home.resolve("influxd.pid")).doesNotExist();
	}

	@Test
	void endsWhenTheJvmThatStartedItEndsHoweverItEnds() throws IOException {
		ManagedInfluxd influxd = ManagedInfluxd.start(Influxd.require(), home, 0, STARTUP);
		try {
			// what a kill -9 of this JVM does to the watchdog: its standard input closes
			influxd.abandon();

			await().atMost(Duration.ofSeconds(15)).until(() -> !ManagedInfluxd.running(influxd.pid()));
		}
		finally {
			influxd.close();
		}
	}

	@Test
	void endsTheInfluxdACrashedRunLeftOnItsDataBeforeStartingAnother() throws IOException {
		ManagedInfluxd leftover = ManagedInfluxd.start(Influxd.require(), home, 0, STARTUP);

		// as if the previous run had died without stopping it: its pid file is still there
		ManagedInfluxd next = ManagedInfluxd.start(Influxd.require(), home, 0, STARTUP);
		try {
			assertThat(ManagedInfluxd.running(leftover.pid())).isFalse();
			assertThat(InfluxQl.query(next.url(), "", "SHOW DATABASES").path("results").isArray()).isTrue();
		}
		finally {
			next.close();
			leftover.close();
		}
	}

	@Test
	void saysWhyWhenItCannotStart(@TempDir Path other) throws IOException {
		ManagedInfluxd running = ManagedInfluxd.start(Influxd.require(), home, 0, STARTUP);
		try {
			int taken = Integer.parseInt(running.url().substring(running.url().lastIndexOf(':') + 1));

			assertThatIOException().isThrownBy(() -> ManagedInfluxd.start(Influxd.require(), other, taken, STARTUP))
				.withMessageContaining("Port " + taken + " on 127.0.0.1 is taken");
			assertThat(other.resolve("influxd.pid")).doesNotExist();
		}
		finally {
			running.close();
		}
		assertThat(Files.exists(home.resolve("influxd.pid"))).isFalse();
	}

}
