package io.statefront.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an order function answered: the outcome and the order after it. A refusal by an item or
 * the user names it ({@code refusedBy}) with its stock or credit at the time ({@code balance}). A
 * paid order says when it was paid ({@code paidAt}, epoch milliseconds by the broker's clock of the
 * checkout's last answer; 0 when unpaid or not known).
 */
public record OrderResult(Outcome outcome, String orderId, @Nullable String userId, List<OrderLine> items,
		long totalCost, boolean paid, @Nullable String refusedBy, long balance, long paidAt) {

	public OrderResult(Outcome outcome, String orderId, @Nullable String userId, List<OrderLine> items,
			long totalCost, boolean paid, @Nullable String refusedBy, long balance) {
		this(outcome, orderId, userId, items, totalCost, paid, refusedBy, balance, 0);
	}

	public enum Outcome {

		OK,
		NOT_FOUND,
		USER_NOT_FOUND,
		ITEM_NOT_FOUND,
		/** The order is paid: it can neither be checked out again nor take more items. */
		ALREADY_PAID,
		/** An item of the order has less stock than the order needs; nothing changed. */
		INSUFFICIENT_STOCK,
		/** The user has less credit than the order costs; nothing changed. */
		INSUFFICIENT_CREDIT,
		/** The cost would pass {@link Long#MAX_VALUE}; nothing changed. */
		COST_LIMIT,
		/** The idempotency key was used before for a different request; nothing changed. */
		KEY_REUSED

	}

	/** This answer, for an order paid at {@code paidAt}. */
	OrderResult paidAt(long paidAt) {
		return new OrderResult(outcome, orderId, userId, items, totalCost, paid, refusedBy, balance, paidAt);
	}

	static OrderResult ok(String orderId, Order order) {
		return of(Outcome.OK, orderId, order, null, 0);
	}

	static OrderResult refused(Outcome outcome, String orderId, @Nullable Order order) {
		return of(outcome, orderId, order, null, 0);
	}

	static OrderResult of(Outcome outcome, String orderId, @Nullable Order order, @Nullable String refusedBy,
			long balance) {
		if (order == null) {
			return new OrderResult(outcome, orderId, null, List.of(), 0, false, refusedBy, balance);
		}
		return new OrderResult(outcome, orderId, order.userId(), order.items(), order.totalCost(), order.paid(),
				refusedBy, balance);
	}

}
