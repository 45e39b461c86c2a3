package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Where metric results are kept for history, whatever keeps them (InfluxDB, or memory). */
interface MetricsStore {

	/** One stored value: its window's end, the value, and its tag value when it has one. */
	record MetricPoint(long time, double value, @Nullable String tag) {
	}

	void write(MetricResult result);

	/** The values of {@code measurement} whose windows ended in the last {@code span}, oldest first. */
	List<MetricPoint> history(String measurement, Duration span);

	/** How the history is kept, for health and logs. */
	String mode();

}
