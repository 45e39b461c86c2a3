package io.statefront.analytics.history;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.statefront.analytics.Measurements;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.Traffic;
import org.jspecify.annotations.Nullable;

/**
 * Metric history in memory, for when there is no InfluxDB: the latest {@value #VALUES_PER_MEASUREMENT}
 * values of each measurement and of its real-only series (over an hour of 5-second windows with
 * their tags), gone at restart.
 * Like InfluxDB, it keeps one value per window end and tag: a result the job emits again after a
 * restore replaces the first.
 */
class InMemoryMetricsStore implements MetricsStore {

	static final int VALUES_PER_MEASUREMENT = MAX_POINTS;

	private record Key(long windowEnd, @Nullable String tag, @Nullable String detail) {
	}

	private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::windowEnd)
		.thenComparing(Key::tag, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Key::detail, Comparator.nullsFirst(Comparator.naturalOrder()));

	private final Map<String, NavigableMap<Key, Double>> byMeasurement = new ConcurrentHashMap<>();

	private final Clock clock;

	InMemoryMetricsStore() {
		this(Clock.systemUTC());
	}

	InMemoryMetricsStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void write(MetricResult result) {
		NavigableMap<Key, Double> values = byMeasurement.computeIfAbsent(result.series(),
				name -> new TreeMap<>(ORDER));
		synchronized (values) {
			values.put(new Key(result.windowEnd(), result.tagValue(), result.detailValue()), result.value());
			if (values.size() > VALUES_PER_MEASUREMENT) {
				values.pollFirstEntry();
			}
		}
	}

	@Override
	public List<MetricPoint> history(String measurement, Traffic traffic, Duration span) {
		NavigableMap<Key, Double> values = byMeasurement.get(Measurements.series(measurement, traffic.realOnly()));
		if (values == null) {
			return List.of();
		}
		Key since = new Key(clock.millis() - span.toMillis(), null, null);
		synchronized (values) {
			return values.tailMap(since, true)
				.entrySet()
				.stream()
				.map(value -> new MetricPoint(value.getKey().windowEnd(), value.getValue(), value.getKey().tag(),
						value.getKey().detail()))
				.toList();
		}
	}

	@Override
	public String mode() {
		return "in-memory";
	}

	@Override
	public boolean available() {
		return true;
	}

}
