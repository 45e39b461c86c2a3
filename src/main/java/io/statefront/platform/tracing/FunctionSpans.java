package io.statefront.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.statefront.platform.flink.FunctionTrace;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Records, in the web application, the spans of what happened in Flink: the functions make no call
 * to a collector (architecture rule 1), they only carry the request's trace context through and
 * say, in the reply's headers, when they read the request and when they answered it
 * ({@link FunctionTrace}). From those this records two spans, with the times Flink gave:
 * <ul>
 * <li>the function ({@code users ADD_CREDIT}, with the entity's key and the operation), inside the
 * span of the command's send, whose context the reply brought back;</li>
 * <li>the reply's way back ({@code user-events reply}), from the answer until the reply was here.</li>
 * </ul>
 * A reply without the headers (tracing off when it was sent) records nothing.
 */
public class FunctionSpans {

	private static final Propagator.Getter<Headers> HEADERS = (headers, name) -> {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.US_ASCII) : null;
	};

	private final Tracer tracer;

	private final Propagator propagator;

	FunctionSpans(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Records nothing: for a gateway without tracing. */
	public static FunctionSpans none() {
		return new FunctionSpans(Tracer.NOOP, Propagator.NOOP);
	}

	/**
	 * Records the spans of the function that answered {@code reply}, which arrived at
	 * {@code arrivedMicros}; {@code key} and {@code operation} say what was asked.
	 */
	public void replied(ConsumerRecord<?, ?> reply, String topic, String key, String operation, long arrivedMicros) {
		Headers headers = reply.headers();
		if (headers.lastHeader(FunctionTrace.TRACEPARENT) == null) {
			return;
		}
		long received = FunctionTrace.micros(headers, FunctionTrace.RECEIVED);
		long answered = FunctionTrace.micros(headers, FunctionTrace.ANSWERED);
		if (received <= 0 || answered <= 0) {
			return;
		}
		Span function = propagator.extract(headers, HEADERS)
			.name(topic + " " + operation)
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.destination.name", topic)
			.tag(RecentRequests.KEY.getKey(), key)
			.tag("statefront.operation", operation)
			.startTimestamp(received, TimeUnit.MICROSECONDS)
			.start();
		// Flink's clock may not be this one (a remote cluster): a span never ends before it began
		long functionEnd = Math.max(received, answered);
		function.end(functionEnd, TimeUnit.MICROSECONDS);
		tracer.spanBuilder()
			.setParent(function.context())
			.name(reply.topic() + " reply")
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.destination.name", reply.topic())
			.startTimestamp(functionEnd, TimeUnit.MICROSECONDS)
			.start()
			.end(Math.max(functionEnd, arrivedMicros), TimeUnit.MICROSECONDS);
	}

}
