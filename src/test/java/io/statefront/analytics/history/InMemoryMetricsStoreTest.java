package io.statefront.analytics.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.statefront.analytics.MetricResult;
import io.statefront.analytics.Traffic;
import io.statefront.analytics.history.MetricsStore.MetricPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric history without InfluxDB: the same answers, bounded, gone at restart. */
class InMemoryMetricsStoreTest {

	private static final long NOW = 1_800_000_000_000L;

	private final InMemoryMetricsStore store = new InMemoryMetricsStore(
			Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

	@Test
	void answersTheValuesWhoseWindowsEndedInTheSpanOldestFirstWithTheirTags() {
		store.write(new MetricResult("visitors_by_country", NOW - 70_000, NOW - 10_000, 3, "country", "Japan"));
		store.write(MetricResult.of("bounce_rate", NOW - 5_000, NOW, 0.5));
		store.write(new MetricResult("visitors_by_country", NOW - 60_000, NOW, 5, "country", "Brazil"));
		store.write(new MetricResult("visitors_by_country", NOW - 80_000, NOW - 20_000, 2, "country", "Chile"));
		store.write(MetricResult.of("visitors_by_country", NOW - 3_660_000, NOW - 3_600_000, 9));

		assertThat(store.history("visitors_by_country", Duration.ofSeconds(15))).containsExactly(
				new MetricPoint(NOW - 10_000, 3, "Japan"), new MetricPoint(NOW, 5, "Brazil"));
		assertThat(store.history("visitors_by_country", Duration.ofMinutes(90))).extracting(MetricPoint::time)
			.containsExactly(NOW - 3_600_000, NOW - 20_000, NOW - 10_000, NOW);
		assertThat(store.history("active_users", Duration.ofMinutes(90))).isEmpty();
	}

	@Test
	void keepsRealOnlyResultsApartFromThoseOfAllTraffic() {
		store.write(MetricResult.of("active_users", NOW - 5_000, NOW, 30));
		store.write(new MetricResult("active_users", NOW - 5_000, NOW, 2, null, null, true));
		store.write(new MetricResult("top_pages", NOW - 60_000, NOW, 1, "url", "/shop/cart", true));

		assertThat(store.history("active_users", Traffic.ALL, Duration.ofMinutes(1)))
			.containsExactly(new MetricPoint(NOW, 30, null));
		assertThat(store.history("active_users", Duration.ofMinutes(1))).containsExactly(new MetricPoint(NOW, 30, null));
		assertThat(store.history("active_users", Traffic.REAL, Duration.ofMinutes(1)))
			.containsExactly(new MetricPoint(NOW, 2, null));
		assertThat(store.history("top_pages", Traffic.REAL, Duration.ofMinutes(1)))
			.containsExactly(new MetricPoint(NOW, 1, "/shop/cart"));
		assertThat(store.history("top_pages", Traffic.ALL, Duration.ofMinutes(1))).isEmpty();
	}

	@Test
	void keepsOneValuePerWindowAndTagAsInfluxDbDoesTheLatestWritten() {
		store.write(new MetricResult("top_pages", NOW - 60_000, NOW, 4, "url", "/a"));
		store.write(new MetricResult("top_pages", NOW - 60_000, NOW, 7, "url", "/b"));
		// the job emits the window again after a restore
		store.write(new MetricResult("top_pages", NOW - 60_000, NOW, 5, "url", "/a"));

		assertThat(store.history("top_pages", Duration.ofMinutes(1)))
			.containsExactly(new MetricPoint(NOW, 5, "/a"), new MetricPoint(NOW, 7, "/b"));
	}

	@Test
	void keepsTheLatestWindowsOfEachMeasurementUpToItsBound() {
		int bound = InMemoryMetricsStore.VALUES_PER_MEASUREMENT;
		for (int i = 0; i < bound + 10; i++) {
			store.write(MetricResult.of("active_users", NOW - 5_000 * (bound + 10 - i), NOW - 5_000 * (bound + 9 - i), i));
		}
		store.write(MetricResult.of("bounce_rate", NOW - 5_000, NOW, 0.1));

		assertThat(store.history("active_users", Duration.ofDays(2))).hasSize(bound)
			.first()
			.extracting(MetricPoint::value)
			.isEqualTo(10.0);
		assertThat(store.history("bounce_rate", Duration.ofMinutes(1))).hasSize(1);
		assertThat(store.mode()).isEqualTo("in-memory");
	}

}
