package io.statefront.platform.gateway;

/**
 * Something was sent, but whether it was applied is not known: Kafka failed a send after taking
 * it, or a batch stopped part way. The client hears 504, as for a missing reply.
 */
public class OutcomeUnknownException extends RuntimeException {

	public OutcomeUnknownException(String message, Throwable cause) {
		super(message, cause);
	}

}
