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
 */
public record MetricResult(String measurement, long windowStart, long windowEnd, double value,
		@Nullable String tagKey, @Nullable String tagValue) {

	public static final String TOPIC = "processed-metrics";

	public static MetricResult of(String measurement, long windowStart, long windowEnd, double value) {
		return new MetricResult(measurement, windowStart, windowEnd, value, null, null);
	}

}
