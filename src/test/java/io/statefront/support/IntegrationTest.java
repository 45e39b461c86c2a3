package io.statefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on its embedded defaults: a real KRaft broker and a real Flink
 * MiniCluster, on free ports and a fresh data directory. Every test class extending this shares
 * one application context, so the suite starts the stack once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	public static final String API_USER = "api";

	public static final String API_PASSWORD = "integration-test-password";

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "console-test-password";

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void embeddedStack(DynamicPropertyRegistry registry) {
		registry.add("statefront.data-dir", DATA_DIR::toString);
		registry.add("statefront.kafka.embedded.port", () -> "0");
		registry.add("statefront.kafka.embedded.controller-port", () -> "0");
		registry.add("statefront.security.api-user", () -> API_USER);
		registry.add("statefront.security.api-password", () -> API_PASSWORD);
		registry.add("statefront.console.admin-user", () -> ADMIN);
		registry.add("statefront.console.admin-password", () -> ADMIN_PASSWORD);
		// two subtasks per operator, so that routing a key to its subtask is exercised too
		registry.add("statefront.flink.parallelism", () -> "2");
		// checkpoints only when a test triggers one, so a restore's starting point is known
		registry.add("statefront.flink.checkpoint-interval", () -> "1h");
		// simulated traffic only in the tests about it, which switch it on through the API
		registry.add("statefront.simulator.enabled", () -> "false");
		// the revenue reconciliation and lost revenue per 10 s rather than per minute, so their tests wait less
		registry.add("statefront.analytics.reconciliation-window", () -> "10s");
		// the breakdowns and the funnel over 10 s, reported every 5 s, rather than a minute every 10 s, for
		// the same reason: still sliding (each event in two windows), and the measurements' test waits
		// for the first window wholly after its start, 10 to 15 s in rather than 20 to 30 s
		registry.add("statefront.analytics.audience-window", () -> "10s");
		registry.add("statefront.analytics.audience-slide", () -> "5s");
		// metric history in the influxd of Debian's influxdb package when installed (CI installs it),
		// on a free port beside any InfluxDB the machine runs
		registry.add("statefront.influx.managed.port", () -> "0");
		// items 0…299 are the tests' to make; the catalogue's test opens them itself
		registry.add("statefront.shop.seed-catalogue", () -> "false");
		// the disk guard watches the machine's disk, not the tests': only a truly full one stops them
		// (the guard tripped on purpose: DataDiskGuardIntegrationTest)
		registry.add("statefront.disk.min-free", () -> "64MB");
		registry.add("statefront.disk.min-free-percent", () -> "0");
		// as behind a proxy: a client's address is the X-Forwarded-For of a request from 127.0.0.1, so
		// that the tests of limits per address each send from addresses of their own
		registry.add("server.forward-headers-strategy", () -> "native");
		// a flood of connections need not be 200 strong to pass the cap per address
		registry.add("statefront.limits.stomp-connections-per-address", () -> "20");
		// the sign-up test's hundred fresh browsers from one address ask for 200 pages at once: past
		// the default storefront rate per address (10 a second, 50 at once), which would refuse them
		// before the sign-up limit it is about; the flood test measures against this value
		registry.add("statefront.limits.storefront-requests-per-second", () -> "50");
	}

	/** The administrator's credentials on the API: the batch inits are theirs. */
	protected Api admin() {
		return new Api("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
	}

	protected Api api() {
		return new Api("http://localhost:" + port, API_USER, API_PASSWORD);
	}

	protected Api anonymous() {
		return new Api("http://localhost:" + port, null, null);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("statefront-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
