package io.statefront.stock;

import java.util.List;
import java.util.Map;

/** The live stock and price of items, as their functions hold them now. */
public interface StockLevels {

	/** What an item function holds now. */
	record Level(long stock, long price) {
	}

	/**
	 * The levels of those {@code itemIds} known now, without waiting: an item not heard of yet, or
	 * that does not exist, is missing from the map.
	 */
	Map<String, Level> levels(List<String> itemIds);

}
