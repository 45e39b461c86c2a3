package io.statefront.platform.gateway;

/**
 * Something was sent, but whether it was applied is not known: Kafka failed a send after taking
 * it, a batch stopped part way, or no reply came in time ({@link ReplyTimeoutException}). The
 * client hears 504.
 */
public class OutcomeUnknownException extends RuntimeException {

	public OutcomeUnknownException(String message, Throwable cause) {
		super(message, cause);
	}

}
