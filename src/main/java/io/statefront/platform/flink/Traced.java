package io.statefront.platform.flink;

import org.jspecify.annotations.Nullable;

/**
 * A message that carries its request's {@link FunctionTrace} through the functions: the commands
 * a client's request sends and the replies that answer it. The trace is a record component marked
 * {@code @JsonIgnore}: it is read from and written to Kafka headers, never the message's JSON.
 *
 * @param <T> the message's own type
 */
public interface Traced<T> {

	@Nullable FunctionTrace trace();

	/** This message, carrying {@code trace}. */
	T withTrace(@Nullable FunctionTrace trace);

	/** What the message asks, in its function's span's name ({@code users ADD_CREDIT}). */
	default String operationName() {
		return getClass().getSimpleName();
	}

}
