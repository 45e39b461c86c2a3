package io.statefront.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many entities a batch initialisation creates: 1 to {@value #MAX}, a bound that keeps one
 * request from filling the functions' state. What {@link #valueOf(String)} refuses becomes a 400.
 */
@Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + BatchSize.MAX, example = "10",
		description = "How many, in the digits 0-9: 1 to " + BatchSize.MAX)
public record BatchSize(int value) {

	public static final int MAX = 1_000_000;

	public static BatchSize valueOf(String text) {
		long value = Numbers.parseNonNegative(text, "a batch size");
		if (value < 1 || value > MAX) {
			throw new IllegalArgumentException("a batch size must be between 1 and " + MAX);
		}
		return new BatchSize((int) value);
	}

}
