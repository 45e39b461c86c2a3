package io.statefront.order;

import java.util.List;

/**
 * A paid order as the archive keeps it, once and for good: the functions forget it
 * {@code statefront.retention.finished-orders} after it was paid.
 *
 * @param orderId the order's id
 * @param userId who paid
 * @param items its lines, in the order they were added
 * @param totalCost what was paid
 * @param paidAt when the checkout's last answer reached the order (the broker's time of that message)
 */
public record ArchivedOrder(String orderId, String userId, List<OrderLine> items, long totalCost, long paidAt) {

	/** The compacted topic the order function writes it to, keyed by order id. */
	public static final String TOPIC = "order-archive";

	Order asOrder() {
		return new Order(userId, items, totalCost, true, 0);
	}

}
