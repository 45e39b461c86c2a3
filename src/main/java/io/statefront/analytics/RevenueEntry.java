package io.statefront.analytics;

/**
 * Revenue as one side of the reconciliation saw it: a real visit's conversion (analytics) or a
 * paid order of the ledger, in credits.
 *
 * @param ledger whether the ledger's paid order rather than analytics' conversion
 * @param credits how much
 */
public record RevenueEntry(boolean ledger, long credits) {
}
