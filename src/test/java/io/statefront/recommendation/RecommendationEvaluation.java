package io.statefront.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.statefront.analytics.EventType;
import io.statefront.analytics.TrafficModel;
import io.statefront.analytics.WebsiteEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Hit rate at 5 of the recommendations against what the simulator's visitors (who have hidden
 * tastes) look at next, beside recommending the five most popular items so far. Product views of
 * the traffic model go through the recommendations job's own functions on a local MiniCluster;
 * after each view, a hit is the shopper's next product view being among the five shown.
 */
public final class RecommendationEvaluation {

	/** The two hit rates over the views that had a next view. */
	public record Result(long views, long judged, double hitRate, double popularityHitRate) {
	}

	private RecommendationEvaluation() {
	}

	public static Result run(int websiteEvents, long seed) throws Exception {
		List<ShopEvent> views = productViews(websiteEvents, seed);
		List<Recommendations> shown = recommend(views);

		Map<String, String> recommendedTo = new HashMap<>();
		Map<String, Set<String>> popularTo = new HashMap<>();
		Map<String, Long> popularity = new HashMap<>();
		long judged = 0;
		long hits = 0;
		long popularHits = 0;
		for (int i = 0; i < views.size(); i++) {
			ShopEvent view = views.get(i);
			String shopper = view.shopperId();
			String previous = recommendedTo.get(shopper);
			if (previous != null) {
				judged++;
				if (List.of(previous.split(",")).contains(view.itemId())) {
					hits++;
				}
				if (popularTo.get(shopper).contains(view.itemId())) {
					popularHits++;
				}
			}
			popularity.merge(view.itemId(), 1L, Long::sum);
			// a page shows the first five of the list (the rest stand in for sold-out ones)
			String[] listed = shown.get(i).itemIds();
			recommendedTo.put(shopper, String.join(",", List.of(listed).subList(0, Math.min(5, listed.length))));
			popularTo.put(shopper, topFive(popularity, view.itemId()));
		}
		return new Result(views.size(), judged, (double) hits / judged, (double) popularHits / judged);
	}

	private static List<ShopEvent> productViews(int websiteEvents, long seed) {
		AtomicLong clock = new AtomicLong();
		TrafficModel traffic = new TrafficModel(new SplittableRandom(seed), clock::incrementAndGet);
		List<ShopEvent> views = new ArrayList<>();
		for (int i = 0; i < websiteEvents; i++) {
			WebsiteEvent event = traffic.next();
			if (event.eventType() == EventType.PAGE_VIEW && event.pageViewData().url().startsWith("/shop/product/")) {
				String item = event.pageViewData().url().substring("/shop/product/".length());
				String category = event.pageViewData().title().substring(0, event.pageViewData().title().indexOf(" #"));
				views.add(new ShopEvent(event.eventId(), event.key(), ShopEventType.PRODUCT_VIEW, item, category,
						event.timestamp()));
			}
		}
		return views;
	}

	/** The job's functions on one subtask: one recommendation per view, in the views' order. */
	private static List<Recommendations> recommend(List<ShopEvent> views) throws Exception {
		Configuration configuration = new Configuration();
		configuration.set(PipelineOptions.GENERIC_TYPES, false);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
		env.setParallelism(1);
		List<Recommendations> shown = RecommendationJob.wire(env.fromData(views), Duration.ofDays(30)).executeAndCollect(views.size());
		Map<String, Recommendations> byEvent = new HashMap<>();
		shown.forEach(recommendations -> byEvent.put(recommendations.eventId(), recommendations));
		return views.stream().map(view -> byEvent.get(view.eventId())).toList();
	}

	private static Set<String> topFive(Map<String, Long> popularity, String current) {
		List<Map.Entry<String, Long>> items = new ArrayList<>(popularity.entrySet());
		items.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
			.thenComparing(Map.Entry.comparingByKey()));
		Set<String> top = new HashSet<>();
		for (Map.Entry<String, Long> item : items) {
			if (top.size() == 5) {
				break;
			}
			if (!item.getKey().equals(current)) {
				top.add(item.getKey());
			}
		}
		return top;
	}

}
