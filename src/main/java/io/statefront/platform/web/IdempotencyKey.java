package io.statefront.platform.web;

/**
 * The client's {@code Idempotency-Key} header: a repeat of a request with the same key is applied
 * once and answered with the first answer. Printable ASCII, 1 to 255 characters.
 */
public record IdempotencyKey(String value) {

	public static final String HEADER = "Idempotency-Key";

	private static final int MAX_LENGTH = 255;

	public static IdempotencyKey valueOf(String text) {
		if (text == null || text.isEmpty() || text.length() > MAX_LENGTH
				|| !text.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw new IllegalArgumentException(
					HEADER + " must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
		}
		return new IdempotencyKey(text);
	}

}
