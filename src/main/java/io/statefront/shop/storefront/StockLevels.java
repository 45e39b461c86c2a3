package io.statefront.shop.storefront;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The live stock and price of items, as their functions hold them now. */
public interface StockLevels {

	/** What an item function holds now. */
	record Level(long stock, long price) {
	}

	/**
	 * The levels of those {@code itemIds} whose functions answered; an item that does not exist, or
	 * did not answer in time, is missing from the map.
	 */
	CompletableFuture<Map<String, Level>> levels(List<String> itemIds);

}
