package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.statefront.analytics.Measurements;
import io.statefront.analytics.Traffic;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.analytics.history.MetricsStore.MetricPoint;
import io.statefront.analytics.history.MetricsStoreUnavailableException;

/**
 * The last hour against the hour before, from the metrics store: the mean of each measurement's
 * windows in each hour, and the change. An hour without windows has no mean, and no change.
 */
final class HourComparison {

	static final List<String> COMPARED = List.of("current_visitors", "active_users", "page_views_per_second",
			"bounce_rate", "average_session_duration", "conversion_rate", "revenue_per_user");

	/** One measurement's two hours, written for the page. */
	record Row(String caption, String thisHour, String previousHour, String change) {
	}

	private HourComparison() {
	}

	static List<Row> of(MetricsStore store, Traffic traffic, Clock clock) {
		long now = clock.millis();
		List<Row> rows = new ArrayList<>();
		try {
			for (String measurement : COMPARED) {
				List<MetricPoint> points = store.history(measurement, traffic, Duration.ofHours(2));
				Double thisHour = mean(points, now - 3_600_000, now);
				Double previous = mean(points, now - 7_200_000, now - 3_600_000);
				Measurements.Unit unit = Measurements.unit(measurement);
				rows.add(new Row(measurement.replace('_', ' '), format(thisHour, unit), format(previous, unit),
						(thisHour == null || previous == null || previous == 0) ? "—"
								: String.format(Locale.ROOT, "%+.0f %%", (thisHour - previous) / previous * 100)));
			}
		}
		catch (MetricsStoreUnavailableException ex) {
			return List.of();
		}
		return rows;
	}

	private static Double mean(List<MetricPoint> points, long from, long to) {
		return points.stream()
			.filter(point -> point.time() > from && point.time() <= to)
			.mapToDouble(MetricPoint::value)
			.average()
			.stream()
			.boxed()
			.findFirst()
			.orElse(null);
	}

	private static String format(Double value, Measurements.Unit unit) {
		if (value == null) {
			return "—";
		}
		return switch (unit) {
			case SHARE -> String.format(Locale.ROOT, "%.1f %%", value * 100);
			case SECONDS -> String.format(Locale.ROOT, "%.0f s", value);
			default -> String.format(Locale.ROOT, "%,.1f", value);
		};
	}

}
