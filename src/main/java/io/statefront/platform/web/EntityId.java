package io.statefront.platform.web;

/**
 * The id of a user, item or order as it appears in a path: a non-negative whole number in ASCII
 * digits, as the functions hand them out. Spring converts path variables through
 * {@link #valueOf(String)}; what it refuses becomes a 400.
 */
public record EntityId(String value) {

	public static EntityId valueOf(String text) {
		return new EntityId(Numbers.parseNonNegative(text, "an id") + "");
	}

	@Override
	public String toString() {
		return value;
	}

}
