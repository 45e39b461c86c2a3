package io.statefront.recommendation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the recommendations know of one shopper: the items looked at lately (most recent first),
 * the items bought, and how often each category drew them. A Flink POJO: arrays and maps, no Kryo.
 */
public class Behaviour {

	static final int RECENT_VIEWS = 10;

	public String[] recentViews = new String[0];

	public Map<String, Boolean> purchased = new HashMap<>();

	public Map<String, Long> categoryAffinity = new HashMap<>();

	void viewed(String itemId) {
		String[] others = Arrays.stream(recentViews).filter(id -> !id.equals(itemId)).toArray(String[]::new);
		String[] views = new String[Math.min(RECENT_VIEWS, others.length + 1)];
		views[0] = itemId;
		System.arraycopy(others, 0, views, 1, views.length - 1);
		recentViews = views;
	}

	void drawnTo(String category, long weight) {
		categoryAffinity.merge(category, weight, Long::sum);
	}

	void bought(String itemId) {
		purchased.put(itemId, Boolean.TRUE);
	}

}
