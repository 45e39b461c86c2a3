package io.statefront.analytics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** A window's counts per tag value turned into tagged metric results. */
final class Breakdowns {

	/** The most values of a tag a window reports where there can be many (pages). */
	static final int TOP = 10;

	private Breakdowns() {
	}

	/** How many of {@code values} have each key. */
	static <V> Map<String, Long> count(Collection<V> values, Function<V, String> key) {
		Map<String, Long> counts = new TreeMap<>();
		values.forEach(value -> counts.merge(key.apply(value), 1L, Long::sum));
		return counts;
	}

	/** Every count, in the order of its tag values. */
	static void all(List<MetricResult> results, String measurement, String tag, long start, long end,
			Map<String, Long> counts) {
		new TreeMap<>(counts).forEach((value, count) -> results.add(new MetricResult(measurement, start, end, count, tag,
				value)));
	}

	/** The {@value #TOP} largest counts; ties broken by tag value, so the same window always names the same ones. */
	static void top(List<MetricResult> results, String measurement, String tag, long start, long end,
			Map<String, Long> counts) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP)
			.forEach(count -> results.add(new MetricResult(measurement, start, end, count.getValue(), tag,
					count.getKey())));
	}

}
