package io.statefront.analytics.history;

import java.time.Duration;
import java.util.List;

import io.statefront.analytics.Measurements;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.Traffic;
import org.jspecify.annotations.Nullable;

/**
 * Where metric results are kept for history: an external InfluxDB, one the application runs
 * itself, or memory. The same questions are answered the same way in all three.
 */
public interface MetricsStore extends AutoCloseable {

	/** The most values one history answer holds. */
	int MAX_POINTS = 20_000;

	/**
	 * One stored value: its window's end, the value, its tag value when it has one, and its second
	 * tag's value ({@link Measurements#detailTag(String)}) when its measurement has one.
	 */
	record MetricPoint(long time, double value, @Nullable String tag, @Nullable String detail) {

		public MetricPoint(long time, double value, @Nullable String tag) {
			this(time, value, tag, null);
		}

	}

	/** Keeps {@code result}; a store may batch writes, so it may not be readable at once. */
	void write(MetricResult result);

	/**
	 * The values of {@code measurement} over {@code traffic} whose windows ended in the last
	 * {@code span}, oldest first, at most the newest {@value #MAX_POINTS}.
	 * @throws MetricsStoreUnavailableException when the store cannot be asked
	 */
	List<MetricPoint> history(String measurement, Traffic traffic, Duration span);

	/** The values of {@code measurement} over all traffic, as {@link #history(String, Traffic, Duration)}. */
	default List<MetricPoint> history(String measurement, Duration span) {
		return history(measurement, Traffic.ALL, span);
	}

	/** How the history is kept ({@code external}, {@code managed} or {@code in-memory}), for health and logs. */
	String mode();

	/** Whether the store answers now. */
	boolean available();

	@Override
	default void close() {
	}

}
