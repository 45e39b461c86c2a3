package io.statefront.analytics;

import java.util.HashMap;
import java.util.Map;

import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.RefusedCheckout;

/**
 * What a tumbling window counts of refused checkouts: the credits they would have paid, by reason
 * (out of stock, insufficient credit), then by item (the item that was short, or
 * {@value #WHOLE_CART} when the credit was). A POJO Flink keeps without Kryo.
 */
public class LostRevenueCounts implements Tally.Counts<RefusedCheckout, LostRevenueCounts> {

	static final String OUT_OF_STOCK = "out_of_stock";

	static final String INSUFFICIENT_CREDIT = "insufficient_credit";

	/** The item tag of a refusal for want of credit: the whole cart was lost, no one item. */
	static final String WHOLE_CART = "(whole cart)";

	/** Credits by reason and item, each key the reason, {@value #SEPARATOR}, the item: a map of maps would need Kryo. */
	public Map<String, Long> creditsByReasonAndItem = new HashMap<>();

	static final char SEPARATOR = '\n';

	/** Whether {@code refusal} is one this counts: the shopper wanted it, the shop could not take it. */
	static boolean lost(RefusedCheckout refusal) {
		return refusal.outcome() == Outcome.INSUFFICIENT_STOCK || refusal.outcome() == Outcome.INSUFFICIENT_CREDIT;
	}

	@Override
	public void add(RefusedCheckout refusal) {
		boolean stock = refusal.outcome() == Outcome.INSUFFICIENT_STOCK;
		add(stock ? OUT_OF_STOCK : INSUFFICIENT_CREDIT, stock ? refusal.refusedBy() : WHOLE_CART, refusal.totalCost());
	}

	private void add(String reason, String item, long credits) {
		creditsByReasonAndItem.merge(reason + SEPARATOR + item, credits, Long::sum);
	}

	@Override
	public LostRevenueCounts merge(LostRevenueCounts other) {
		other.creditsByReasonAndItem.forEach((key, credits) -> creditsByReasonAndItem.merge(key, credits, Long::sum));
		return this;
	}

}
