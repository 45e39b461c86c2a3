package io.statefront.platform.web;

/** Strict parsing of the numbers clients put in paths. */
final class Numbers {

	private static final int MAX_DIGITS = 19;

	private Numbers() {
	}

	/**
	 * Parses ASCII digits only: {@link Long#parseLong} would also take a sign and any Unicode
	 * digits (Arabic-Indic, full-width ...), which are not what an API caller means by a number.
	 */
	static long parseNonNegative(String text, String what) {
		if (text == null || text.isEmpty() || text.length() > MAX_DIGITS + 1
				|| !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException(what + " must be a whole number written in digits 0-9");
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(what + " must be at most " + Long.MAX_VALUE);
		}
	}

}
