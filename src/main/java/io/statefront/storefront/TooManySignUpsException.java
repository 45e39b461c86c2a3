package io.statefront.storefront;

/** A guest was not made a customer: too many were lately, from their address or from all. */
class TooManySignUpsException extends RuntimeException {

	private final long retryAfterSeconds;

	private final boolean fromEveryone;

	TooManySignUpsException(long retryAfterSeconds, boolean fromEveryone) {
		super("Too many new customers " + (fromEveryone ? "just now" : "from this address") + "; try again in "
				+ retryAfterSeconds + " s");
		this.retryAfterSeconds = retryAfterSeconds;
		this.fromEveryone = fromEveryone;
	}

	long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	/** Whether the shop's limit for everyone refused it, rather than the address's. */
	boolean fromEveryone() {
		return fromEveryone;
	}

}
