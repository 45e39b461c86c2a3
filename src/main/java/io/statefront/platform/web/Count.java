package io.statefront.platform.web;

/**
 * A non-negative quantity from a path, such as the starting credit or stock of a batch: ASCII
 * digits, 0 to {@link Long#MAX_VALUE}. What {@link #valueOf(String)} refuses becomes a 400.
 */
public record Count(long value) {

	public static Count valueOf(String text) {
		return new Count(Numbers.parseNonNegative(text, "a count"));
	}

}
