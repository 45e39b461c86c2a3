package io.statefront.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The id of a user, item or order as it appears in a path: a non-negative whole number in ASCII
 * digits, as the functions hand them out. Spring converts path variables through
 * {@link #valueOf(String)}; what it refuses becomes a 400. It is described as the string it is on
 * the wire, not as the record (the example is a JSON string, so that it stays one).
 */
@Schema(type = "string", pattern = "^[0-9]{1,20}$", example = "\"0\"",
		description = "An id in the digits 0-9, at most " + Long.MAX_VALUE)
public record EntityId(String value) {

	public static EntityId valueOf(String text) {
		return new EntityId(Numbers.parseNonNegative(text, "an id") + "");
	}

	@Override
	public String toString() {
		return value;
	}

}
