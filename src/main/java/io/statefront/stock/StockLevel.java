package io.statefront.stock;

/**
 * An item's stock and price after a change, on the {@value #TOPIC} topic keyed by item id: the
 * item functions publish their state as it changes, so pages show live levels without asking.
 * The topic is compacted: the latest level of every item stays in it.
 */
public record StockLevel(String itemId, long stock, long price) {

	public static final String TOPIC = "stock-levels";

}
