package io.statefront.platform.web;

/**
 * A positive amount of credit or stock from a path: ASCII digits, at least 1, at most
 * {@link Long#MAX_VALUE}. Spring converts path variables through {@link #valueOf(String)}; what it
 * refuses becomes a 400.
 */
public record Amount(long value) {

	public static Amount valueOf(String text) {
		long value = Numbers.parseNonNegative(text, "an amount");
		if (value == 0) {
			throw new IllegalArgumentException("an amount must be at least 1");
		}
		return new Amount(value);
	}

}
