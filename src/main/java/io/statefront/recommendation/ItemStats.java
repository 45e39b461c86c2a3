package io.statefront.recommendation;

import java.util.HashMap;
import java.util.Map;

/**
 * What all shoppers together say of one item: its category, how popular it is, and which other
 * items were looked at (or bought) by the same shoppers around it, and how often.
 */
public class ItemStats {

	public String category = "";

	public long popularity;

	public Map<String, Long> coViewed = new HashMap<>();

	public Map<String, Long> coBought = new HashMap<>();

	/** A copy that shares nothing changeable with this one. */
	ItemStats copy() {
		ItemStats copy = new ItemStats();
		copy.category = category;
		copy.popularity = popularity;
		copy.coViewed = new HashMap<>(coViewed);
		copy.coBought = new HashMap<>(coBought);
		return copy;
	}

}
