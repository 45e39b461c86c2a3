package io.statefront.platform.gateway;

/** The request was sent, but no reply came within the gateway's reply timeout: the outcome is unknown. */
public class ReplyTimeoutException extends OutcomeUnknownException {

	public ReplyTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
