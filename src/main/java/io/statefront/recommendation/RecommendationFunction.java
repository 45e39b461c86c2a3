package io.statefront.recommendation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
 * Never what the shopper bought, the item in hand, or what they looked at lately. When that gives
 * fewer than {@value #COUNT}, the most popular items of the shopper's favourite categories, then of
 * all, fill the list. Ties go to the lower item id, so the same input always gives the same list.
 *
 * <p>The list runs on past the {@value #COUNT} a page shows, to {@value #LISTED} items, all in the
 * same order: the function does not know what is in stock, so a page drops what is sold out and
 * shows the first {@value #COUNT} of the rest. The popular items fill a list to {@value #LISTED}
 * only when they fill it at all (fewer than {@value #COUNT} related items), as they are found then.
 *
 * <p>The co-occurrences are shared by all shoppers, so the function runs under one key.
 *
 * <p>It works on a copy of its state on the heap, and writes the items it changed back to the
 * state when a checkpoint is taken. In RocksDB every read and write of an item's statistics
 * (de)serialises all its links, and a view reads and writes the item and each of the shopper's
 * recent views: a tenth of a core at the simulator's 200 events a second, more than any other
 * operator (JFR, 2026-12-06). The copy is loaded from the state at the first event after a start or
 * a restore, so it holds what the state holds plus what happened since; Flink calls
 * {@link #snapshotState} before it snapshots the keyed state, so a checkpoint holds every change
 * of the events before its barrier and none after. It is bounded as the state is: by the items
 * shoppers view, each linked at most to every other.
 */
public class RecommendationFunction extends KeyedProcessFunction<Integer, ShopperMoment, Recommendations>
		implements CheckpointedFunction {

	static final int COUNT = 5;

	static final int LISTED = 20;

	static final double RECENCY = 0.8;

	/** What a checkpoint holds: written only in {@link #snapshotState}, read only to load {@link #working}. */
	private transient MapState<String, ItemStats> items;

	/** The statistics worked on: null until the first event loads them from {@link #items}. */
	private transient Map<String, ItemStats> working;

	/** The items changed since the last checkpoint. */
	private transient Set<String> changed;

	/**
	 * Working memory for scoring, not state: per item its category (a copy of its {@link ItemStats}'
	 * category) and its running score in the event being scored. Item ids put into the co-occurrence
	 * maps are these instances, so that summing thousands of links per event mostly compares ids by
	 * reference (links restored from a checkpoint hold ids of their own, compared by value: slower,
	 * the same result).
	 */
	private transient Map<String, Candidate> candidates;

	/** Which event is being scored: a candidate whose {@code scoredIn} differs has no score in it yet. */
	private transient long scoring;

	@Override
	public void open(OpenContext openContext) {
		items = getRuntimeContext()
			.getMapState(new MapStateDescriptor<>("items", Types.STRING, Types.POJO(ItemStats.class)));
		candidates = new HashMap<>();
		changed = new HashSet<>();
	}

	@Override
	public void initializeState(FunctionInitializationContext context) {
		// the keyed state is opened in open(); there is no operator state
	}

	/**
	 * Writes the changed items to the keyed state, just before Flink snapshots it. The current key
	 * is the one this function ever sees (0): items change only in processElement, which sets it.
	 */
	@Override
	public void snapshotState(FunctionSnapshotContext context) throws Exception {
		for (String itemId : changed) {
			// a copy: the heap backend keeps the object it is given and may write it out after this
			// returns, while the next events change the working one
			items.put(itemId, working.get(itemId).copy());
		}
		changed.clear();
	}

	@Override
	public void processElement(ShopperMoment moment, Context context, Collector<Recommendations> out)
			throws Exception {
		if (working == null) {
			working = new HashMap<>();
			for (Map.Entry<String, ItemStats> item : items.entries()) {
				working.put(item.getKey(), item.getValue().copy());
			}
		}
		learn(moment);
		if (!moment.event().simulated()) {
			out.collect(recommend(moment));
		}
	}

	private void learn(ShopperMoment moment) throws Exception {
		ShopEvent event = moment.event();
		Candidate seen = candidate(event.itemId());
		String itemId = seen.id;
		ItemStats item = stats(itemId);
		item.category = event.category();
		seen.category = event.category();
		switch (event.type()) {
			case PRODUCT_VIEW -> {
				item.popularity++;
				for (int i = 1; i < moment.recentViews().length; i++) {
					link(item, itemId, moment.recentViews()[i], stats -> stats.coViewed);
				}
			}
			case ADD_TO_CART -> item.popularity += 2;
			case PURCHASE -> {
				for (String earlier : moment.purchased()) {
					if (!earlier.equals(itemId)) {
						link(item, itemId, earlier, stats -> stats.coBought);
					}
				}
			}
		}
		keep(itemId, item);
	}

	private void link(ItemStats item, String itemId, String other,
			Function<ItemStats, Map<String, Long>> links) throws Exception {
		String otherId = candidate(other).id;
		ItemStats otherStats = stats(otherId);
		links.apply(item).merge(otherId, 1L, Long::sum);
		links.apply(otherStats).merge(itemId, 1L, Long::sum);
		keep(otherId, otherStats);
	}

	private void keep(String itemId, ItemStats stats) {
		working.put(itemId, stats);
		changed.add(itemId);
	}

	private Recommendations recommend(ShopperMoment moment) throws Exception {
		String current = moment.event().itemId();
		// what the shopper bought or has just looked at is not news to them
		Set<String> excluded = new HashSet<>(List.of(moment.purchased()));
		excluded.addAll(List.of(moment.recentViews()));
		excluded.add(current);

		// each candidate's sum is added to in the same order as ever: the same input, the same doubles
		scoring++;
		List<Candidate> scored = new ArrayList<>();
		double weight = 1;
		for (String viewed : moment.recentViews()) {
			addScores(scored, working.get(viewed), stats -> stats.coViewed, weight);
			weight *= RECENCY;
		}
		for (String bought : moment.purchased()) {
			addScores(scored, working.get(bought), stats -> stats.coBought, 2);
		}
		Map<String, Double> categoryShare = categoryShares(moment);
		TopItems best = new TopItems(LISTED);
		for (Candidate candidate : scored) {
			if (!excluded.contains(candidate.id)) {
				double boost = 1 + categoryShare.getOrDefault(candidate.category, 0.0);
				best.offer(candidate.id, candidate.score * boost);
			}
		}
		List<String> chosen = best.items();
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
		for (Map.Entry<String, ItemStats> item : working.entrySet()) {
			popular.add(Map.entry(item.getKey(), item.getValue()));
		}
		popular.sort(Comparator.<Map.Entry<String, ItemStats>>comparingLong(item -> -item.getValue().popularity)
			.thenComparing(Map.Entry::getKey, TopItems.ITEM_ORDER));
		List<String> categories = new ArrayList<>(List.of(favouriteCategories));
		categories.add(null); // then any category
		for (String category : categories) {
			for (Map.Entry<String, ItemStats> item : popular) {
				if (chosen.size() == LISTED) {
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

	private void addScores(List<Candidate> scored, ItemStats stats, Function<ItemStats, Map<String, Long>> links,
			double weight) throws Exception {
		if (stats == null) {
			return;
		}
		for (Map.Entry<String, Long> link : links.apply(stats).entrySet()) {
			Candidate candidate = candidate(link.getKey());
			if (candidate.scoredIn != scoring) {
				candidate.scoredIn = scoring;
				candidate.score = 0;
				scored.add(candidate);
			}
			candidate.score += weight * link.getValue();
		}
	}

	private Candidate candidate(String itemId) throws Exception {
		Candidate candidate = candidates.get(itemId);
		if (candidate == null) {
			ItemStats stats = working.get(itemId);
			candidate = new Candidate(itemId, stats == null ? "" : stats.category);
			candidates.put(itemId, candidate);
		}
		return candidate;
	}

	private ItemStats stats(String itemId) {
		ItemStats stats = working.get(itemId);
		return stats == null ? new ItemStats() : stats;
	}

	private static final class Candidate {

		final String id;

		String category;

		long scoredIn;

		double score;

		Candidate(String id, String category) {
			this.id = id;
			this.category = category;
		}

	}

}
