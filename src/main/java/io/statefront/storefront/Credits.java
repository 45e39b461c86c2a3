package io.statefront.storefront;

import java.util.Locale;

/** Amounts of credit as the storefront writes them, grouped like its pages do: "2,525 credits". */
final class Credits {

	private Credits() {
	}

	static String of(long amount) {
		return String.format(Locale.ROOT, "%,d credits", amount);
	}

	static String number(long amount) {
		return String.format(Locale.ROOT, "%,d", amount);
	}

}
