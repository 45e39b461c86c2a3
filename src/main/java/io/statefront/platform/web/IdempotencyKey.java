package io.statefront.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The client's {@code Idempotency-Key} header: a repeat of a request with the same key is applied
 * once and answered with the first answer. Printable ASCII, 1 to 255 characters.
 */
@Schema(type = "string", minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH, pattern = "^[!-~]+$",
		description = "Applies the request once: a repeat with the same key gets the first answer. "
				+ "1 to 255 printable ASCII characters, no spaces")
public record IdempotencyKey(String value) {

	public static final String HEADER = "Idempotency-Key";

	/** Why a request whose key was used before for a different request is refused (422). */
	public static final String REUSED = "This Idempotency-Key was used before for a different request; "
			+ "nothing was changed";

	static final int MAX_LENGTH = 255;

	public static IdempotencyKey valueOf(String text) {
		if (text == null || text.isEmpty() || text.length() > MAX_LENGTH
				|| !text.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw new IllegalArgumentException(
					HEADER + " must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
		}
		return new IdempotencyKey(text);
	}

}
