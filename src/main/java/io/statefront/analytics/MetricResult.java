package io.statefront.analytics;

import org.jspecify.annotations.Nullable;

/**
 * One value of one metric for one event-time window, on the {@value #TOPIC} topic keyed by its
 * measurement: what InfluxDB stores and the live charts draw.
 *
 * @param measurement the design's measurement name, such as {@code page_views_per_second}
 * @param windowStart the window's start, epoch milliseconds (inclusive)
 * @param windowEnd the window's end, epoch milliseconds (exclusive); the value's timestamp
 * @param value the metric's value
 * @param tagKey the name of the tag that splits this measurement (such as {@code country}), or null
 * @param tagValue the tag's value for this result, or null
 * @param realOnly whether it counts real traffic alone, the simulator's events left out; otherwise
 * it counts all traffic. A window without real events has no real-only result
 * @param detailKey the name of a second tag, for a measurement split two ways (lost revenue by reason,
 * then by item), or null
 * @param detailValue that tag's value for this result, or null
 */
public record MetricResult(String measurement, long windowStart, long windowEnd, double value,
		@Nullable String tagKey, @Nullable String tagValue, boolean realOnly, @Nullable String detailKey,
		@Nullable String detailValue) {

	/** A result split by one tag at most. */
	public MetricResult(String measurement, long windowStart, long windowEnd, double value, @Nullable String tagKey,
			@Nullable String tagValue, boolean realOnly) {
		this(measurement, windowStart, windowEnd, value, tagKey, tagValue, realOnly, null, null);
	}

	public static final String TOPIC = "processed-metrics";

	/** A result of all traffic. */
	public MetricResult(String measurement, long windowStart, long windowEnd, double value, @Nullable String tagKey,
			@Nullable String tagValue) {
		this(measurement, windowStart, windowEnd, value, tagKey, tagValue, false);
	}

	public static MetricResult of(String measurement, long windowStart, long windowEnd, double value) {
		return new MetricResult(measurement, windowStart, windowEnd, value, null, null);
	}

	/** The same result, of real traffic alone. */
	MetricResult ofRealTraffic() {
		return new MetricResult(measurement, windowStart, windowEnd, value, tagKey, tagValue, true, detailKey,
				detailValue);
	}

	/**
	 * The name its history is kept under: the measurement's, with {@value Measurements#REAL_ONLY_PREFIX}
	 * before it for a real-only result, so that a query of a measurement reads all traffic as it always has.
	 */
	public String series() {
		return Measurements.series(measurement, realOnly);
	}

}
