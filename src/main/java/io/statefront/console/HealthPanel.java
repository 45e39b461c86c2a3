package io.statefront.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The overview's health panel: each part under a name a reader knows, and its details as
 * sentences with units ({@code reply latency, median: 24 ms}) rather than the raw keys and floats
 * of {@code /actuator/health} ({@code replyLatencyP50Ms: 23.59296}).
 */
record HealthPanel(List<PartRow> parts) {

	/** A part of the application and what its health says. */
	record PartRow(String name, String status, boolean up, List<String> details) {
	}

	private static final Map<String, String> PARTS = Map.of("broker", "Kafka broker", "flink", "Flink jobs", "gateway",
			"Request gateway", "dataDisk", "Data disk", "metricHistory", "Metric history");

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("clusterId", "cluster id"),
			Map.entry("brokers", "brokers"), Map.entry("listening", "listening for replies"),
			Map.entry("pendingRequests", "requests waiting for a reply"),
			Map.entry("maxPendingRequests", "most that may wait"),
			Map.entry("replyLatencyP50Ms", "reply latency, median"),
			Map.entry("replyLatencyP99Ms", "reply latency, 99th percentile"), Map.entry("path", "folder"),
			Map.entry("free", "free"), Map.entry("threshold", "changes refused below"), Map.entry("total", "disk size"),
			Map.entry("refusingWrites", "refusing changes"), Map.entry("mode", "store"),
			Map.entry("reachable", "reachable"), Map.entry("url", "address"), Map.entry("database", "database"),
			Map.entry("reason", "why"), Map.entry("error", "error"));

	/** Details that are sizes in bytes. */
	private static final List<String> BYTES = List.of("free", "threshold", "total");

	static HealthPanel of(Map<String, Health> health) {
		List<PartRow> parts = new ArrayList<>();
		health.forEach((part, state) -> parts.add(new PartRow(PARTS.getOrDefault(part, words(part)), state.getStatus().getCode(),
				Status.UP.equals(state.getStatus()), details(state.getDetails()))));
		return new HealthPanel(parts);
	}

	private static List<String> details(Map<String, Object> details) {
		return details.entrySet().stream().map(detail -> label(detail.getKey()) + ": " + value(detail.getKey(), detail.getValue())).toList();
	}

	private static String label(String key) {
		return LABELS.getOrDefault(key, words(key));
	}

	private static String value(String key, Object value) {
		if (value instanceof Boolean yes) {
			return yes ? "yes" : "no";
		}
		if (value instanceof Number number && BYTES.contains(key)) {
			return Formats.bytes(number.longValue());
		}
		if (value instanceof Number number && key.endsWith("Ms")) {
			return Formats.latency(number.doubleValue());
		}
		if (value instanceof Number number) {
			return Formats.number(number.doubleValue());
		}
		return String.valueOf(value);
	}

	/** {@code maxPendingRequests} → {@code max pending requests}. */
	private static String words(String key) {
		return key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

}
