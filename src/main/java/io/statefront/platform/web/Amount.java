package io.statefront.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A positive amount of credit or stock from a path: ASCII digits, at least 1, at most
 * {@link Long#MAX_VALUE}. Spring converts path variables through {@link #valueOf(String)}; what it
 * refuses becomes a 400.
 */
@Schema(type = "integer", format = "int64", minimum = "1", maximum = "" + Long.MAX_VALUE, example = "1",
		description = "A whole number in the digits 0-9, from 1")
public record Amount(long value) {

	public static Amount valueOf(String text) {
		long value = Numbers.parseNonNegative(text, "an amount");
		if (value == 0) {
			throw new IllegalArgumentException("an amount must be at least 1");
		}
		return new Amount(value);
	}

}
