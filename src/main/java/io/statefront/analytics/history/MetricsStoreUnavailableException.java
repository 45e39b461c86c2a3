package io.statefront.analytics.history;

/** The metrics store could not answer; history is missing for now, not lost. */
public class MetricsStoreUnavailableException extends RuntimeException {

	MetricsStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
