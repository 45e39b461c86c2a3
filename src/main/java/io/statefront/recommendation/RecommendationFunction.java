package io.statefront.recommendation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Learns from every shopper which items go together, and answers each shop event with the items
 * that shopper should see next.
 *
 * <p>Learning: a view links the item with each item the shopper viewed lately (co-viewed); a
 * purchase links it with everything the shopper bought before (co-bought); views and cart adds make
 * an item popular. Scoring a candidate: its co-view counts with the shopper's recent views, the
 * most recent weighing most ({@value #RECENCY} less per step back), plus twice its co-bought counts
 * with the shopper's purchases, raised by the share of the shopper's attention its category has.
 * Never what the shopper bought, the item in hand, or what they looked at lately. When that gives fewer than {@value #COUNT},
 * the most popular items of the shopper's favourite categories, then of all, fill the list.
 * Ties go to the lower item id, so the same input always gives the same list.
 *
 * <p>The co-occurrences are shared by all shoppers, so the function runs under one key.
 */
public class RecommendationFunction extends KeyedProcessFunction<Integer, ShopperMoment, Recommendations> {

	static final int COUNT = 5;

	static final double RECENCY = 0.8;

	private transient MapState<String, ItemStats> items;

	@Override
	public void open(OpenContext openContext) {
		items = getRuntimeContext()
			.getMapState(new MapStateDescriptor<>("items", Types.STRING, Types.POJO(ItemStats.class)));
	}

	@Override
	public void processElement(ShopperMoment moment, Context context, Collector<Recommendations> out)
			throws Exception {
		learn(moment);
		out.collect(recommend(moment));
	}

	private void learn(ShopperMoment moment) throws Exception {
		ShopEvent event = moment.event();
		ItemStats item = stats(event.itemId());
		item.category = event.category();
		switch (event.type()) {
			case PRODUCT_VIEW -> {
				item.popularity++;
				for (int i = 1; i < moment.recentViews().length; i++) {
					link(item, event.itemId(), moment.recentViews()[i], stats -> stats.coViewed);
				}
			}
			case ADD_TO_CART -> item.popularity += 2;
			case PURCHASE -> {
				for (String earlier : moment.purchased()) {
					if (!earlier.equals(event.itemId())) {
						link(item, event.itemId(), earlier, stats -> stats.coBought);
					}
				}
			}
		}
		items.put(event.itemId(), item);
	}

	private void link(ItemStats item, String itemId, String otherId,
			Function<ItemStats, Map<String, Long>> links) throws Exception {
		ItemStats other = stats(otherId);
		links.apply(item).merge(otherId, 1L, Long::sum);
		links.apply(other).merge(itemId, 1L, Long::sum);
		items.put(otherId, other);
	}

	private Recommendations recommend(ShopperMoment moment) throws Exception {
		String current = moment.event().itemId();
		// what the shopper bought or has just looked at is not news to them
		Set<String> excluded = new LinkedHashSet<>(List.of(moment.purchased()));
		excluded.addAll(List.of(moment.recentViews()));
		excluded.add(current);

		Map<String, Double> scores = new HashMap<>();
		double weight = 1;
		for (String viewed : moment.recentViews()) {
			addScores(scores, items.get(viewed), stats -> stats.coViewed, weight);
			weight *= RECENCY;
		}
		for (String bought : moment.purchased()) {
			addScores(scores, items.get(bought), stats -> stats.coBought, 2);
		}
		Map<String, Double> categoryShare = categoryShares(moment);
		List<Map.Entry<String, Double>> ranked = new ArrayList<>();
		for (Map.Entry<String, Double> score : scores.entrySet()) {
			if (!excluded.contains(score.getKey())) {
				double boost = 1 + categoryShare.getOrDefault(categoryOf(score.getKey()), 0.0);
				ranked.add(Map.entry(score.getKey(), score.getValue() * boost));
			}
		}
		List<String> chosen = new ArrayList<>();
		ranked.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey(ITEM_ORDER)))
			.limit(COUNT)
			.forEach(score -> chosen.add(score.getKey()));
		String basis = chosen.isEmpty() ? Recommendations.POPULAR : Recommendations.RELATED;
		if (chosen.size() < COUNT) {
			fillWithPopular(chosen, excluded, moment.favouriteCategories());
		}
		return new Recommendations(moment.event().shopperId(), moment.event().eventId(), chosen.toArray(String[]::new),
				basis);
	}

	private void fillWithPopular(List<String> chosen, Set<String> excluded, String[] favouriteCategories)
			throws Exception {
		List<Map.Entry<String, ItemStats>> popular = new ArrayList<>();
		for (Map.Entry<String, ItemStats> item : items.entries()) {
			popular.add(Map.entry(item.getKey(), item.getValue()));
		}
		popular.sort(Comparator.<Map.Entry<String, ItemStats>>comparingLong(item -> -item.getValue().popularity)
			.thenComparing(Map.Entry::getKey, ITEM_ORDER));
		List<String> categories = new ArrayList<>(List.of(favouriteCategories));
		categories.add(null); // then any category
		for (String category : categories) {
			for (Map.Entry<String, ItemStats> item : popular) {
				if (chosen.size() == COUNT) {
					return;
				}
				boolean inCategory = category == null || category.equals(item.getValue().category);
				if (inCategory && !excluded.contains(item.getKey()) && !chosen.contains(item.getKey())) {
					chosen.add(item.getKey());
				}
			}
		}
	}

	private static Map<String, Double> categoryShares(ShopperMoment moment) {
		long total = 0;
		for (long weight : moment.categoryWeights()) {
			total += weight;
		}
		Map<String, Double> shares = new HashMap<>();
		for (int i = 0; i < moment.favouriteCategories().length; i++) {
			shares.put(moment.favouriteCategories()[i], (double) moment.categoryWeights()[i] / total);
		}
		return shares;
	}

	private static void addScores(Map<String, Double> scores, ItemStats stats,
			Function<ItemStats, Map<String, Long>> links, double weight) {
		if (stats != null) {
			links.apply(stats).forEach((other, count) -> scores.merge(other, weight * count, Double::sum));
		}
	}

	private String categoryOf(String itemId) throws Exception {
		ItemStats stats = items.get(itemId);
		return stats == null ? "" : stats.category;
	}

	private ItemStats stats(String itemId) throws Exception {
		ItemStats stats = items.get(itemId);
		return stats == null ? new ItemStats() : stats;
	}

	/** Numeric ids in numeric order (9 before 10), others after them by text. */
	static final Comparator<String> ITEM_ORDER = Comparator
		.<String, Boolean>comparing(id -> !id.chars().allMatch(Character::isDigit))
		.thenComparingInt(String::length)
		.thenComparing(Comparator.naturalOrder());

}
