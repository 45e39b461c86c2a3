package io.statefront.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A non-negative quantity from a path, such as the starting credit or stock of a batch: ASCII
 * digits, 0 to {@link Long#MAX_VALUE}. What {@link #valueOf(String)} refuses becomes a 400.
 */
@Schema(type = "integer", format = "int64", minimum = "0", maximum = "" + Long.MAX_VALUE, example = "100",
		description = "A whole number in the digits 0-9, from 0")
public record Count(long value) {

	public static Count valueOf(String text) {
		return new Count(Numbers.parseNonNegative(text, "a count"));
	}

}
