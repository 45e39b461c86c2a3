package io.statefront.support.history;

/** What a client learned of an operation, from the HTTP status it got (architecture rule 5). */
public enum Outcome {

	/** 2xx: done. */
	OK,

	/** 4xx, or 503 (the pipeline was not running, nothing was sent): definitely not done. */
	FAILED,

	/** 504, any other 5xx, or no answer at all: it may or may not have been done. */
	UNKNOWN;

	/** The status of a request that got no answer (connection refused or lost). */
	public static final int NO_ANSWER = -1;

	public static Outcome of(int status) {
		if (status >= 200 && status < 300) {
			return OK;
		}
		if ((status >= 400 && status < 500) || status == 503) {
			return FAILED;
		}
		return UNKNOWN;
	}

}
