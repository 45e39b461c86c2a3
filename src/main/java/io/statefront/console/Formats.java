package io.statefront.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes durations, sizes and times (templates may not call static methods). */
final class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Formats() {
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3_600) {
			return (seconds / 60) + " min" + ((seconds % 60 > 0) ? " " + (seconds % 60) + " s" : "");
		}
		if (seconds < 86_400) {
			return (seconds / 3_600) + " h " + (seconds % 3_600 / 60) + " min";
		}
		return (seconds / 86_400) + " d " + (seconds % 86_400 / 3_600) + " h";
	}

	static String millis(long millis) {
		return (millis < 1_000) ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
	}

	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format("%.1f KiB", bytes / 1024.0);
		}
		if (bytes < 1024L * 1024 * 1024) {
			return String.format("%.1f MiB", bytes / (1024.0 * 1024));
		}
		return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
	}

	/** A latency: whole milliseconds from 10 ms, one decimal below. */
	static String latency(double millis) {
		return (millis >= 10) ? String.format(Locale.ROOT, "%,.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
	}

	/** A count or figure: whole numbers as they are, others to one decimal. */
	static String number(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? String.format(Locale.ROOT, "%,d", (long) value)
				: String.format(Locale.ROOT, "%,.1f", value);
	}

	static String time(long epochMillis) {
		return (epochMillis > 0) ? TIME.format(Instant.ofEpochMilli(epochMillis)) : "—";
	}

}
