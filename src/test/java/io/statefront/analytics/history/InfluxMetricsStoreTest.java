package io.statefront.analytics.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.history.MetricsStore.MetricPoint;
import io.statefront.support.Installed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Metric history in a real InfluxDB: points as the design names them, read back in InfluxQL. */
class InfluxMetricsStoreTest {

	private static final AtomicInteger databases = new AtomicInteger();

	@TempDir
	static Path home;

	static ManagedInfluxd influxd;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Counter writeErrors = meters.counter("write.errors");

	private final Counter droppedPoints = meters.counter("points.dropped");

	@BeforeAll
	static void startInfluxd() throws IOException {
		influxd = ManagedInfluxd.start(Installed.influxd(), home, 0, Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopInfluxd() {
		if (influxd != null) {
			influxd.close();
		}
	}

	@Test
	void writesEachResultAsAPointOfItsMeasurementAtItsWindowsEnd() {
		String database = database();
		long now = System.currentTimeMillis() / 5_000 * 5_000;
		try (InfluxMetricsStore store = store(database, null)) {
			store.write(MetricResult.of("page_views_per_second", now - 10_000, now - 5_000, 12.4));
			store.write(MetricResult.of("page_views_per_second", now - 5_000, now, 13.5));
			store.write(new MetricResult("top_pages", now - 60_000, now, 7, "url", "/shop/category/books"));
			store.flush();

			JsonNode pageViews = InfluxQl.series(influxd.url(), database,
					"SELECT \"value\" FROM \"autogen\".\"page_views_per_second\" ORDER BY time");
			assertThat(pageViews.path("values").toString())
				.isEqualTo("[[" + (now - 5_000) + ",12.4],[" + now + ",13.5]]");
			JsonNode topPages = InfluxQl.series(influxd.url(), database,
					"SELECT \"value\" FROM \"top_pages\" GROUP BY \"url\"");
			assertThat(topPages.path("tags").path("url").asString()).isEqualTo("/shop/category/books");
			assertThat(topPages.path("values").toString()).isEqualTo("[[" + now + ",7]]");
		}
		assertThat(writeErrors.count()).isZero();
		assertThat(droppedPoints.count()).isZero();
	}

	@Test
	void answersHistoryOldestFirstWithTagsForTheSpanAskedFor() {
		long now = System.currentTimeMillis() / 5_000 * 5_000;
		try (InfluxMetricsStore store = store(database(), null)) {
			store.write(new MetricResult("visitors_by_country", now - 70_000, now - 10_000, 3, "country", "Japan"));
			store.write(new MetricResult("visitors_by_country", now - 60_000, now, 5, "country", "Brazil"));
			store.write(MetricResult.of("visitors_by_country", now - 3_660_000, now - 3_600_000, 9));
			store.flush();

			assertThat(store.history("visitors_by_country", Duration.ofMinutes(5)))
				.containsExactly(new MetricPoint(now - 10_000, 3, "Japan"), new MetricPoint(now, 5, "Brazil"));
			assertThat(store.history("visitors_by_country", Duration.ofMinutes(90))).hasSize(3);
			assertThat(store.history("bounce_rate", Duration.ofMinutes(5))).isEmpty();
		}
	}

	@Test
	void storesTagValuesLineProtocolCannotCarryAsIsInsteadOfLosingTheirBatch() {
		long now = System.currentTimeMillis() / 5_000 * 5_000;
		try (InfluxMetricsStore store = store(database(), null)) {
			store.write(new MetricResult("top_pages", now - 60_000, now, 3, "url", "/shop/search?q=a b,c=d\\e"));
			store.write(new MetricResult("top_pages", now - 60_000, now, 2, "url", "/trailing\\"));
			store.write(new MetricResult("visitors_by_country", now - 60_000, now, 1, "country", ""));
			store.write(new MetricResult("visitors_by_country", now - 60_000, now, 4, "country", "Two\nLines"));
			store.flush();

			assertThat(store.history("top_pages", Duration.ofMinutes(1))).extracting(MetricPoint::tag)
				.containsExactlyInAnyOrder("/shop/search?q=a b,c=d\\e", "/trailing");
			assertThat(store.history("visitors_by_country", Duration.ofMinutes(1))).extracting(MetricPoint::tag)
				.containsExactlyInAnyOrder("(none)", "Two Lines");
		}
		assertThat(writeErrors.count()).isZero();
		assertThat(droppedPoints.count()).isZero();
	}

	@Test
	void writesUnderTheConfiguredRetentionPolicyCreatingIt() {
		String database = database();
		long now = System.currentTimeMillis();
		try (InfluxMetricsStore store = store(database, Duration.ofHours(2))) {
			store.write(MetricResult.of("bounce_rate", now - 5_000, now, 0.25));
			store.flush();

			JsonNode policies = InfluxQl.series(influxd.url(), database, "SHOW RETENTION POLICIES");
			assertThat(policies.path("values").toString()).contains("[\"two_hours\",\"2h0m0s\"");
			assertThat(InfluxQl.series(influxd.url(), database, "SELECT \"value\" FROM \"two_hours\".\"bounce_rate\"")
				.path("values").toString()).isEqualTo("[[" + now + ",0.25]]");
			assertThat(store.history("bounce_rate", Duration.ofMinutes(1))).extracting(MetricPoint::value)
				.containsExactly(0.25);
		}
		// a later start with another duration changes the policy instead of failing
		try (InfluxMetricsStore store = store(database, Duration.ofHours(3))) {
			assertThat(InfluxQl.series(influxd.url(), database, "SHOW RETENTION POLICIES").path("values").toString())
				.contains("[\"two_hours\",\"3h0m0s\"");
		}
	}

	@Test
	void countsWhatItCouldNotWriteAndSaysWhenItCannotAnswer() throws IOException {
		String nowhere;
		try (ServerSocket socket = new ServerSocket(0)) {
			nowhere = "http://127.0.0.1:" + socket.getLocalPort();
		}
		InfluxProperties properties = properties(database(), "autogen", null);
		try (InfluxMetricsStore store = new InfluxMetricsStore("external", nowhere, properties, writeErrors, droppedPoints, null)) {
			assertThat(store.available()).isFalse();
			assertThatExceptionOfType(MetricsStoreUnavailableException.class)
				.isThrownBy(() -> store.history("bounce_rate", Duration.ofMinutes(1)))
				.withMessageContaining(nowhere);

			store.write(MetricResult.of("bounce_rate", 0, 5_000, 0.5));
			store.write(MetricResult.of("bounce_rate", 5_000, 10_000, 0.5));
			store.flush();
			// the batch failed and waits for another try; nothing given up on yet
			await().atMost(Duration.ofSeconds(20)).until(() -> writeErrors.count() >= 1);
			assertThat(droppedPoints.count()).isZero();
		}
	}

	@Test
	void createsItsDatabaseOnceAServerThatWasAwayAtStartComesUp(@TempDir Path laterHome) throws IOException {
		int port = InfluxdProcesses.freePort();
		String database = database();
		String url = "http://127.0.0.1:" + port;
		try (InfluxMetricsStore store = new InfluxMetricsStore("external", url,
				properties(database, "autogen", null), writeErrors, droppedPoints, null)) {
			try (ManagedInfluxd later = ManagedInfluxd.start(Installed.influxd(), laterHome, port, Duration.ofSeconds(30))) {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> InfluxQl.series(url, "", "SHOW DATABASES").path("values").toString().contains(database));
				long now = System.currentTimeMillis();
				store.write(MetricResult.of("bounce_rate", now - 5_000, now, 0.3));
				store.flush();

				assertThat(store.history("bounce_rate", Duration.ofMinutes(1))).extracting(MetricPoint::value)
					.containsExactly(0.3);
			}
		}
	}

	private InfluxMetricsStore store(String database, Duration retention) {
		return new InfluxMetricsStore("managed", influxd.url(),
				properties(database, retention == null ? "autogen" : "two_hours", retention), writeErrors, droppedPoints, null);
	}

	private static InfluxProperties properties(String database, String retentionPolicy, Duration retention) {
		return new InfluxProperties(null, null, null, database, retentionPolicy, retention, 1000,
				Duration.ofMillis(100), new InfluxProperties.Managed(false, "influxd", 0, Duration.ofSeconds(30)));
	}

	private static String database() {
		return "test_" + databases.incrementAndGet();
	}

}
