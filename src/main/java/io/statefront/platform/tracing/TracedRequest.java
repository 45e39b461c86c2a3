package io.statefront.platform.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request the application answered, as its trace shows it: the server span and the hops inside
 * it (the command's send to Kafka, the function, the reply's way back), in the order they began.
 *
 * @param traceId the trace's id, as the {@code traceresponse} header named it
 * @param spanId the server span's id
 * @param method the HTTP method
 * @param url the path asked for
 * @param status the HTTP status answered
 * @param startNanos when the request came in, in nanoseconds since the epoch
 * @param durationNanos how long it took to answer
 * @param hops the spans inside it, the first {@value RecentRequests#MAX_HOPS} that ended
 * @param hopsLeftOut how many more there were (a batch initialisation's)
 */
public record TracedRequest(String traceId, String spanId, String method, String url, String status, long startNanos,
		long durationNanos, List<Hop> hops, int hopsLeftOut) {

	public Instant start() {
		return Instant.ofEpochSecond(0, startNanos);
	}

	public Duration duration() {
		return Duration.ofNanos(durationNanos);
	}

	/**
	 * One span inside a request.
	 *
	 * @param name the span's name: {@code users send}, {@code users ADD_CREDIT}, {@code user-events reply}
	 * @param kind PRODUCER for a send to Kafka, CONSUMER for a function or a reply, INTERNAL otherwise
	 * @param spanId the span's id
	 * @param parentSpanId the id of the span it is inside
	 * @param key the message's key (the entity), when the hop is a function; else empty
	 * @param startNanos when it began, in nanoseconds since the epoch
	 * @param durationNanos how long it took
	 */
	public record Hop(String name, String kind, String spanId, String parentSpanId, String key, long startNanos,
			long durationNanos) {

		public Duration duration() {
			return Duration.ofNanos(durationNanos);
		}

	}

}
