package io.statefront.storefront;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * When an order was paid, as the shop's pages write it: "2026-12-02 01:57:36 UTC", the form the
 * console uses too. An order whose time is not known (paid before orders kept it) has none.
 */
final class PaidTimes {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private PaidTimes() {
	}

	static String of(long epochMillis) {
		return (epochMillis > 0) ? FORMAT.format(Instant.ofEpochMilli(epochMillis)) : "";
	}

}
