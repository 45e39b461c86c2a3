package io.statefront.platform.disk;

/**
 * Nothing was sent: the data directory's disk is nearly full, and the disk guard refuses requests
 * that would write until space is freed. The API answers 503 with {@code Retry-After}; the
 * storefront a page.
 */
public class DiskSpaceLowException extends RuntimeException {

	/** Seconds a client should wait: freeing space takes an operator, not a moment. */
	public static final String RETRY_AFTER_SECONDS = "60";

	DiskSpaceLowException(String message) {
		super(message);
	}

}
