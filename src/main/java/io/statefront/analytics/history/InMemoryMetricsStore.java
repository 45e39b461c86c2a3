package io.statefront.analytics.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.statefront.analytics.MetricResult;

/**
 * Metric history in memory, for when there is no InfluxDB: the latest {@value #VALUES_PER_MEASUREMENT}
 * values of each measurement (over an hour of 5-second windows with their tags), gone at restart.
 */
class InMemoryMetricsStore implements MetricsStore {

	static final int VALUES_PER_MEASUREMENT = MAX_POINTS;

	private final Map<String, Deque<MetricResult>> byMeasurement = new ConcurrentHashMap<>();

	private final Clock clock;

	InMemoryMetricsStore() {
		this(Clock.systemUTC());
	}

	InMemoryMetricsStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void write(MetricResult result) {
		Deque<MetricResult> values = byMeasurement.computeIfAbsent(result.measurement(), name -> new ArrayDeque<>());
		synchronized (values) {
			values.addLast(result);
			if (values.size() > VALUES_PER_MEASUREMENT) {
				values.removeFirst();
			}
		}
	}

	@Override
	public List<MetricPoint> history(String measurement, Duration span) {
		Deque<MetricResult> values = byMeasurement.get(measurement);
		if (values == null) {
			return List.of();
		}
		long since = clock.millis() - span.toMillis();
		synchronized (values) {
			return values.stream()
				.filter(value -> value.windowEnd() >= since)
				.sorted(Comparator.comparingLong(MetricResult::windowEnd))
				.map(value -> new MetricPoint(value.windowEnd(), value.value(), value.tagValue()))
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
