package io.statefront.stock;

/** What an item function answered: the outcome, and the item's stock and price after it. */
public record ItemResult(Outcome outcome, String itemId, long stock, long price) {

	public enum Outcome {

		OK,
		NOT_FOUND,
		/** Subtracting would take stock below zero; nothing changed. */
		INSUFFICIENT_STOCK,
		/** Adding would take stock past {@link Long#MAX_VALUE}; nothing changed. */
		STOCK_LIMIT,
		/** The idempotency key was used before for a different request; nothing changed. */
		KEY_REUSED

	}

	static ItemResult ok(String itemId, Item item) {
		return new ItemResult(Outcome.OK, itemId, item.stock(), item.price());
	}

	static ItemResult refused(Outcome outcome, String itemId, Item item) {
		return new ItemResult(outcome, itemId, (item != null) ? item.stock() : 0, (item != null) ? item.price() : 0);
	}

}
