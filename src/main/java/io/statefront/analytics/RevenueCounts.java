package io.statefront.analytics;

/** The revenue each side of the reconciliation saw in a window: a POJO Flink keeps without Kryo. */
public class RevenueCounts implements Tally.Counts<RevenueEntry, RevenueCounts> {

	public long analytics;

	public long ledger;

	@Override
	public void add(RevenueEntry entry) {
		if (entry.ledger()) {
			ledger += entry.credits();
		}
		else {
			analytics += entry.credits();
		}
	}

	@Override
	public RevenueCounts merge(RevenueCounts other) {
		analytics += other.analytics;
		ledger += other.ledger;
		return this;
	}

}
