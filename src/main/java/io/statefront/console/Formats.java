package io.statefront.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
			return (seconds / 60) + " min " + (seconds % 60) + " s";
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

	static String time(long epochMillis) {
		return (epochMillis > 0) ? TIME.format(Instant.ofEpochMilli(epochMillis)) : "—";
	}

}
