package io.statefront.analytics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficModelTest {

	private static final int EVENTS = 200_000;

	@Test
	void mixesEventTypesAsTheDesignSays() {
		Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
		events(1).forEach(event -> counts.merge(event.eventType(), 1, Integer::sum));

		assertThat(share(counts, EventType.PAGE_VIEW)).isCloseTo(0.70, within(0.02));
		assertThat(share(counts, EventType.SESSION_START)).isCloseTo(0.15, within(0.02));
		assertThat(share(counts, EventType.SESSION_END)).isCloseTo(0.10, within(0.02));
		assertThat(share(counts, EventType.CONVERSION)).isCloseTo(0.05, within(0.02));
	}

	@Test
	void theBouncerShareSetsHowManyVisitsEndAfterOnePageWithoutBuying() {
		for (double share : new double[] { 0, 0.5, 1 }) {
			TrafficModel model = new TrafficModel(new SplittableRandom(3), new AtomicLong()::incrementAndGet);
			model.bouncerShare(share);
			Map<String, Integer> pages = new HashMap<>();
			Set<String> converted = new HashSet<>();
			int ended = 0;
			int bounced = 0;
			for (int i = 0; i < EVENTS; i++) {
				WebsiteEvent event = model.next();
				switch (event.eventType()) {
					case PAGE_VIEW -> pages.merge(event.sessionId(), 1, Integer::sum);
					case CONVERSION -> converted.add(event.sessionId());
					case SESSION_END -> {
						int seen = pages.getOrDefault(event.sessionId(), 0);
						ended++;
						bounced += (seen == 1 && !converted.contains(event.sessionId())) ? 1 : 0;
					}
					default -> {
					}
				}
			}
			double bounceRate = (double) bounced / ended;
			if (share == 1) {
				assertThat(bounceRate).as("every visit that saw a page bounced").isGreaterThan(0.95);
				assertThat(converted).isEmpty();
			}
			else {
				assertThat(bounceRate).as("bounce rate at share %s", share).isLessThan(0.2 + share);
			}
			if (share == 0.5) {
				assertThat(bounceRate).isGreaterThan(0.4);
			}
		}
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new TrafficModel(new SplittableRandom(), () -> 0)
			.bouncerShare(1.5))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everyVisitStartsBeforeItsEventsAndHasNoneAfterItsEnd() {
		Set<String> open = new HashSet<>();
		Set<String> ended = new HashSet<>();
		Map<String, Integer> pagesBySession = new HashMap<>();
		Set<String> converted = new HashSet<>();
		for (WebsiteEvent event : events(2).toList()) {
			String session = event.sessionId();
			assertThat(ended.contains(session)).as("an event after the end of %s", session).isFalse();
			switch (event.eventType()) {
				case SESSION_START -> assertThat(open.add(session)).isTrue();
				case PAGE_VIEW -> {
					assertThat(open.contains(session)).as("a page view in the open visit %s", session).isTrue();
					assertThat(event.pageViewData().url())
						.matches("/shop/(category/[a-z]+|product/\\d+|cart/items|cart/checkout)");
					pagesBySession.merge(session, 1, Integer::sum);
				}
				case CONVERSION -> {
					assertThat(pagesBySession.getOrDefault(session, 0)).as("pages before converting").isPositive();
					assertThat(converted.add(session)).as("one conversion per visit").isTrue();
					assertThat(event.conversionData().revenue()).isPositive();
				}
				case SESSION_END -> {
					assertThat(open.remove(session)).isTrue();
					ended.add(session);
				}
			}
			assertThat(event.key()).isEqualTo((event.userId() != null) ? event.userId() : session);
			assertThat(event.sessionData().country()).isNotBlank();
		}
	}

	@Test
	void aVisitGoesThroughTheFunnelInOrderAndSomeComeByATaggedLink() {
		Map<String, String> lastPage = new HashMap<>();
		Set<String> viewedAProduct = new HashSet<>();
		Set<String> carted = new HashSet<>();
		Set<String> tagged = new HashSet<>();
		Set<String> visits = new HashSet<>();
		long refused = 0;
		long paid = 0;
		for (WebsiteEvent event : events(4).toList()) {
			String session = event.sessionId();
			visits.add(session);
			if (event.eventType() == EventType.CONVERSION) {
				assertThat(carted).as("a cart before paying").contains(session);
				paid++;
			}
			if (event.eventType() != EventType.PAGE_VIEW) {
				continue;
			}
			String url = event.pageViewData().url();
			if (event.pageViewData().utmSource() != null) {
				assertThat(lastPage).as("a campaign on the first page alone").doesNotContainKey(session);
				assertThat(event.pageViewData().utmMedium()).isNotBlank();
				tagged.add(session);
			}
			if (url.startsWith("/shop/product/")) {
				viewedAProduct.add(session);
			}
			if (url.equals("/shop/cart/items")) {
				assertThat(viewedAProduct).as("a product seen before it goes in the cart").contains(session);
				carted.add(session);
			}
			if (url.equals("/shop/cart/checkout")) {
				assertThat(carted).as("a cart before checking out").contains(session);
				refused++;
			}
			lastPage.put(session, url);
		}
		assertThat(tagged.size() / (double) visits.size()).isCloseTo(0.15, within(0.03));
		assertThat(carted.size()).isGreaterThan((int) paid / 2);
		assertThat(refused).isPositive().isLessThan(paid);
	}

	@Test
	void theSameSeedAndClockGiveTheSameEvents() {
		assertThat(events(7).limit(1_000).toList()).isEqualTo(events(7).limit(1_000).toList());
	}

	@Test
	void mostPageViewsOfAVisitAreInItsFavouriteCategory() {
		Map<String, Map<String, Integer>> categoriesBySession = new HashMap<>();
		events(3).filter(event -> event.eventType() == EventType.PAGE_VIEW)
			.filter(event -> !event.pageViewData().url().startsWith("/shop/cart/"))
			.forEach(event -> categoriesBySession.computeIfAbsent(event.sessionId(), session -> new HashMap<>())
				.merge(category(event.pageViewData().title()), 1, Integer::sum));
		List<Double> topShares = categoriesBySession.values()
			.stream()
			.filter(categories -> categories.values().stream().mapToInt(Integer::intValue).sum() >= 10)
			.map(categories -> categories.values().stream().mapToInt(Integer::intValue).max().getAsInt()
					/ (double) categories.values().stream().mapToInt(Integer::intValue).sum())
			.toList();

		assertThat(topShares).isNotEmpty();
		assertThat(topShares.stream().mapToDouble(Double::doubleValue).average().getAsDouble()).isGreaterThan(0.5);
	}

	private static Stream<WebsiteEvent> events(long seed) {
		AtomicLong clock = new AtomicLong(1_700_000_000_000L);
		TrafficModel model = new TrafficModel(new SplittableRandom(seed), () -> clock.addAndGet(5));
		return Stream.generate(model::next).limit(EVENTS);
	}

	private static double share(Map<EventType, Integer> counts, EventType type) {
		return counts.getOrDefault(type, 0) / (double) EVENTS;
	}

	private static String category(String title) {
		return title.split(" ")[0];
	}

}
