package io.statefront.recommendation;

/**
 * One thing a shopper did with an item, on the {@value #TOPIC} topic keyed by the shopper: what
 * the recommendations learn from.
 *
 * @param eventId unique per event
 * @param shopperId the shopper (a ledger user id, or a guest's id)
 * @param type what the shopper did
 * @param itemId the item (a stock item id)
 * @param category the item's category
 * @param timestamp when, epoch milliseconds
 * @param simulated whether the traffic simulator made it up: the recommendations learn from it like
 * any other, but no simulated shopper is sent recommendations (nobody would read them)
 */
public record ShopEvent(String eventId, String shopperId, ShopEventType type, String itemId, String category,
		long timestamp, boolean simulated) {

	public static final String TOPIC = "shop-events";

	/** A real shopper's event. */
	public ShopEvent(String eventId, String shopperId, ShopEventType type, String itemId, String category,
			long timestamp) {
		this(eventId, shopperId, type, itemId, category, timestamp, false);
	}

}
