package io.statefront.order;

import java.util.List;

/**
 * A checkout the saga refused, told once when it is refused (again after a restore of the
 * functions, whose side outputs are at least once): what analytics counts as revenue lost.
 *
 * @param orderId the order
 * @param userId who checked out
 * @param outcome why: {@link OrderResult.Outcome#INSUFFICIENT_STOCK} or
 * {@link OrderResult.Outcome#INSUFFICIENT_CREDIT} (or an item or user gone)
 * @param refusedBy the item or the user that refused
 * @param items the order's lines
 * @param totalCost what the order would have paid
 * @param refusedAt when the refusal reached the order (the broker's time of that message)
 */
public record RefusedCheckout(String orderId, String userId, OrderResult.Outcome outcome, String refusedBy,
		List<OrderLine> items, long totalCost, long refusedAt) {

	/** The topic the order function writes refusals to, keyed by order id. */
	public static final String TOPIC = "checkout-refusals";

}
