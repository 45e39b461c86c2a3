package io.statefront.platform.history;

import org.jspecify.annotations.Nullable;

/** The applied-change log cannot be read just now: nothing is wrong with the request. */
public class HistoryUnavailableException extends RuntimeException {

	public static final String RETRY_AFTER_SECONDS = "5";

	public HistoryUnavailableException(String message, @Nullable Throwable cause) {
		super("The history cannot be read: " + message, cause);
	}

}
