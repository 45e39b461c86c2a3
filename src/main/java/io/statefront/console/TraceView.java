package io.statefront.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.statefront.platform.tracing.TracedRequest;
import io.statefront.platform.tracing.TracedRequest.Hop;

/**
 * A traced request as the trace page draws it: a summary line, and a waterfall of its hops, each
 * at its offset from the request's start, indented under the span it is inside.
 */
record TraceView(TracedRequest request, String when, String total, boolean refused, List<HopView> hops) {

	/** The waterfall's width in the bars' own units (an SVG viewBox): offsets and widths are shares of it. */
	static final int WIDTH = 1000;

	/**
	 * One row of the waterfall.
	 *
	 * @param depth how many spans it is inside (0: the request)
	 * @param barX where its bar begins, in {@link #WIDTH}ths of the request
	 * @param barWidth how long its bar is, likewise (never under one unit, so a short hop shows)
	 */
	record HopView(String name, String key, int depth, String offset, String duration, long barX, long barWidth) {
	}

	static TraceView of(TracedRequest request) {
		long start = request.startNanos();
		long total = Math.max(1, request.durationNanos());
		Map<String, Integer> depths = new HashMap<>();
		depths.put(request.spanId(), 0);
		List<HopView> hops = new ArrayList<>();
		hops.add(new HopView(request.method() + " " + request.url(), "", 0, millis(0), millis(request.durationNanos()),
				0, WIDTH));
		for (Hop hop : request.hops()) {
			int depth = depths.getOrDefault(hop.parentSpanId(), 0) + 1;
			depths.put(hop.spanId(), depth);
			long offset = hop.startNanos() - start;
			long x = Math.max(0, Math.min(WIDTH - 1, offset * WIDTH / total));
			long width = Math.max(1, Math.min(WIDTH - x, hop.durationNanos() * WIDTH / total));
			hops.add(new HopView(hop.name(), hop.key(), Math.min(depth, 4), millis(offset), millis(hop.durationNanos()),
					x, width));
		}
		boolean refused = request.status().length() == 3 && request.status().charAt(0) >= '4';
		return new TraceView(request, Formats.time(request.startNanos() / 1_000_000),
				millis(request.durationNanos()), refused, hops);
	}

	/** Milliseconds to a tenth below 100 ms, whole ones above. */
	static String millis(long nanos) {
		double millis = nanos / 1e6;
		return (Math.abs(millis) >= 100) ? String.format(Locale.ROOT, "%,.0f ms", millis)
				: String.format(Locale.ROOT, "%.1f ms", millis);
	}

}
