package io.statefront.platform.flink;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

/**
 * The trace context a request's message carried into the functions, and when Flink first read it.
 * It travels beside the message, never in its JSON: in from the Kafka headers (a W3C
 * {@code traceparent}), with the message's record through the functions that handle the request,
 * and out as headers of the reply, with the time the reply left. The web side records the
 * function's span from those headers; Flink makes no call of its own (architecture rule 1), and no
 * function decides anything by it (rule 3). See docs/architecture.md, "Request tracing".
 *
 * @param traceparent the W3C {@code traceparent} the message came with
 * @param receivedMicros when Flink's source read the message, in microseconds since the epoch: of
 * the first message of the request (a create's request to the create function, not the command it
 * sends on)
 */
public record FunctionTrace(String traceparent, long receivedMicros) implements Serializable {

	/** The W3C Trace Context header, as the web side's Kafka producer writes it. */
	public static final String TRACEPARENT = "traceparent";

	/** When Flink first read the request's message (decimal microseconds since the epoch). */
	public static final String RECEIVED = "statefront-received-us";

	/** When Flink sent the reply (decimal microseconds since the epoch). */
	public static final String ANSWERED = "statefront-answered-us";

	/**
	 * The trace a message's headers carry, read now; {@code null} when they carry none. Cheap
	 * without one: a look through a record's few headers.
	 */
	static @Nullable FunctionTrace of(Headers headers) {
		Header traceparent = headers.lastHeader(TRACEPARENT);
		if (traceparent == null) {
			return null;
		}
		long received = micros(headers, RECEIVED);
		return new FunctionTrace(new String(traceparent.value(), StandardCharsets.US_ASCII),
				(received > 0) ? received : nowMicros());
	}

	/** Writes this trace into a message's headers; with the time it is sent for a reply. */
	void writeTo(Headers headers, boolean reply) {
		headers.add(new RecordHeader(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII)));
		headers.add(new RecordHeader(RECEIVED, ascii(receivedMicros)));
		if (reply) {
			headers.add(new RecordHeader(ANSWERED, ascii(nowMicros())));
		}
	}

	/** A time header's value, or 0 when it is missing or not a number. */
	public static long micros(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		if (header == null) {
			return 0;
		}
		try {
			return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	public static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
