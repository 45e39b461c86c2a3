package io.statefront.recommendation;

import java.time.Duration;
import java.util.List;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The behaviour function and the recommendation function in a row, each in Flink's keyed operator
 * harness, as the recommendations job wires them: shopper events in, recommendations out.
 */
class RecommendationFunctionTest {

	private KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, ShopperMoment> behaviour;

	private KeyedOneInputStreamOperatorTestHarness<Integer, ShopperMoment, Recommendations> recommendations;

	private int events;

	@BeforeEach
	void openHarnesses() throws Exception {
		behaviour = new KeyedOneInputStreamOperatorTestHarness<>(
				new KeyedProcessOperator<>(new BehaviourFunction(Duration.ofDays(30))), ShopEvent::shopperId,
				Types.STRING);
		recommendations = new KeyedOneInputStreamOperatorTestHarness<>(
				new KeyedProcessOperator<>(new RecommendationFunction()), moment -> 0, Types.INT);
		behaviour.open();
		recommendations.open();
	}

	@AfterEach
	void closeHarnesses() throws Exception {
		behaviour.close();
		recommendations.close();
	}

	@Test
	void remembersTheLatestDistinctViewsMostRecentFirstAndRanksCategoriesByAttention() throws Exception {
		for (int item = 1; item <= 12; item++) {
			send("ann", ShopEventType.PRODUCT_VIEW, Integer.toString(item), "books");
		}
		send("ann", ShopEventType.PRODUCT_VIEW, "5", "books");
		send("ann", ShopEventType.ADD_TO_CART, "20", "shoes");
		ShopperMoment moment = send("ann", ShopEventType.PURCHASE, "21", "shoes");

		assertThat(moment.recentViews()).containsExactly("5", "12", "11", "10", "9", "8", "7", "6", "4", "3");
		assertThat(moment.purchased()).containsExactly("21");
		// books: 13 views; shoes: a cart add (2) and a purchase (3)
		assertThat(moment.favouriteCategories()).containsExactly("books", "shoes");
		assertThat(moment.categoryWeights()).containsExactly(13L, 5L);
	}

	@Test
	void recommendsWhatOtherShoppersViewedAroundTheItemInHand() throws Exception {
		browse("ann", "1", "2", "3");
		browse("bob", "1", "2");
		browse("cid", "7", "8", "9");

		Recommendations forDan = recommendationsAfter("dan", ShopEventType.PRODUCT_VIEW, "1", "books");

		// 1 was seen with 2 twice (ann, bob) and with 3 once (ann); then the most viewed items fill in
		assertThat(forDan.itemIds()).containsExactly("2", "3", "7", "8", "9");
		assertThat(forDan.basis()).isEqualTo(Recommendations.RELATED);
		assertThat(forDan.shopperId()).isEqualTo("dan");
	}

	@Test
	void weighsTheLatestViewsMostAndNeverOffersWhatTheShopperBought() throws Exception {
		browse("ann", "1", "2");
		browse("bob", "3", "4");
		send("eve", ShopEventType.PURCHASE, "2", "books");
		send("eve", ShopEventType.PRODUCT_VIEW, "1", "books");

		Recommendations forEve = recommendationsAfter("eve", ShopEventType.PRODUCT_VIEW, "3", "books");

		// 4 goes with 3, the latest view; 2 goes with 1 but eve bought it; 1 she has just seen
		assertThat(forEve.itemIds()).containsExactly("4");
	}

	@Test
	void offersANewShopperThePopularItemsOfTheCategoryTheyLookAt() throws Exception {
		browse("ann", "1", "2", "1", "2", "1");
		browse("bob", "10", "11", "10");
		send("bob", ShopEventType.ADD_TO_CART, "12", "kitchen");

		Recommendations forNew = recommendationsAfter("new", ShopEventType.ADD_TO_CART, "13", "kitchen");

		// kitchen first (12 carted: 2, 10: 2 views, 11: 1), then the rest by popularity (1: 3, 2: 2)
		assertThat(forNew.itemIds()).containsExactly("10", "12", "11", "1", "2");
		assertThat(forNew.basis()).isEqualTo(Recommendations.POPULAR);
	}

	@Test
	void listsMoreThanAPageShowsBestFirstSoThatAPageCanSkipWhatIsSoldOut() throws Exception {
		// 1 was seen with 2 by eight shoppers, with 3 by seven, … with 9 by one
		for (int other = 2; other <= 9; other++) {
			for (int shopper = 0; shopper < 10 - other; shopper++) {
				browse("s" + other + "-" + shopper, "1", Integer.toString(other));
			}
		}

		Recommendations forDan = recommendationsAfter("dan", ShopEventType.PRODUCT_VIEW, "1", "books");

		assertThat(forDan.itemIds()).hasSizeGreaterThan(RecommendationFunction.COUNT)
			.containsExactly("2", "3", "4", "5", "6", "7", "8", "9");
		assertThat(forDan.basis()).isEqualTo(Recommendations.RELATED);
	}

	@Test
	void theSameEventsGiveTheSameRecommendations() throws Exception {
		List<String> first = replay();
		closeHarnesses();
		openHarnesses();

		assertThat(replay()).isEqualTo(first);
	}

	@Test
	void stateAndMessagesAreFlinkTypesNotKryo() {
		SerializerConfigImpl config = new SerializerConfigImpl();
		config.setGenericTypes(false);
		for (Class<?> type : List.of(ShopEvent.class, Behaviour.class, ShopperMoment.class, ItemStats.class,
				Recommendations.class)) {
			assertThatNoException().as(type.getSimpleName())
				.isThrownBy(() -> TypeInformation.of(type).createSerializer(config));
		}
	}

	private List<String> replay() throws Exception {
		browse("ann", "1", "2", "3", "2");
		browse("bob", "3", "4", "1");
		send("ann", ShopEventType.PURCHASE, "3", "books");
		browse("cid", "4", "2");
		return recommendations.extractOutputValues().stream().map(r -> String.join(",", r.itemIds())).toList();
	}

	@Test
	void learnsFromSimulatedVisitorsButSendsThemNothing() throws Exception {
		for (String item : new String[] { "1", "2" }) {
			ShopEvent simulated = new ShopEvent("sim-" + item, "visitor-7", ShopEventType.PRODUCT_VIEW, item, "books",
					++events, true);
			behaviour.processElement(new StreamRecord<>(simulated, events));
			List<ShopperMoment> moments = behaviour.extractOutputValues();
			recommendations.processElement(new StreamRecord<>(moments.get(moments.size() - 1), events));
		}
		assertThat(recommendations.extractOutputValues()).as("nobody watches a simulated visitor").isEmpty();

		Recommendations forAnn = recommendationsAfter("ann", ShopEventType.PRODUCT_VIEW, "1", "books");

		assertThat(forAnn.itemIds()).as("what the simulated visitor viewed with 1").startsWith("2");
	}

	private void browse(String shopper, String... items) throws Exception {
		for (String item : items) {
			send(shopper, ShopEventType.PRODUCT_VIEW, item, Integer.parseInt(item) >= 10 ? "kitchen" : "books");
		}
	}

	private Recommendations recommendationsAfter(String shopper, ShopEventType type, String item, String category)
			throws Exception {
		send(shopper, type, item, category);
		List<Recommendations> all = recommendations.extractOutputValues();
		return all.get(all.size() - 1);
	}

	/**
	 * The function works on a copy of its state and writes it back at each checkpoint: a restore,
	 * in either backend, has everything learned before the checkpoint and nothing after it.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "hashmap", "rocksdb" })
	void aRestoreHasWhatWasLearnedBeforeTheCheckpointAndNothingAfter(String backend) throws Exception {
		recommendations.close();
		recommendations = recommendationHarness(backend);
		recommendations.open();
		browse("ann", "1", "2");
		browse("bob", "1", "2");
		OperatorSubtaskState checkpoint = recommendations.snapshot(1, 1);
		// after the checkpoint: 1 with 3, more often than with 2
		for (String shopper : List.of("cid", "dan", "eve")) {
			browse(shopper, "1", "3");
		}
		assertThat(recommendationsAfter("fay", ShopEventType.PRODUCT_VIEW, "1", "books").itemIds()).startsWith("3");

		recommendations.close();
		recommendations = recommendationHarness(backend);
		recommendations.initializeState(checkpoint);
		recommendations.open();

		Recommendations restored = recommendationsAfter("gus", ShopEventType.PRODUCT_VIEW, "1", "books");
		assertThat(restored.itemIds()).as("1 was seen with 2 twice before the checkpoint, with 3 only after")
			.startsWith("2")
			.doesNotContain("3");
		OperatorSubtaskState next = recommendations.snapshot(2, 2);
		recommendations.close();
		recommendations = recommendationHarness(backend);
		recommendations.initializeState(next);
		recommendations.open();
		assertThat(recommendationsAfter("hal", ShopEventType.PRODUCT_VIEW, "2", "books").itemIds())
			.as("what the restored instance learned is in its own checkpoint: 2 with 1, three times")
			.startsWith("1");
	}

	private static KeyedOneInputStreamOperatorTestHarness<Integer, ShopperMoment, Recommendations> recommendationHarness(
			String backend) throws Exception {
		KeyedOneInputStreamOperatorTestHarness<Integer, ShopperMoment, Recommendations> harness = new KeyedOneInputStreamOperatorTestHarness<>(
				new KeyedProcessOperator<>(new RecommendationFunction()), moment -> 0, Types.INT);
		harness.setStateBackend(backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend());
		return harness;
	}

	/** One event through both functions; the behaviour function's output for it. */
	@Test
	void forgetsAShopperTheHorizonAfterTheirLastEvent() throws Exception {
		behaviour.setStateTtlProcessingTime(0);
		send("ann", ShopEventType.PRODUCT_VIEW, "1", "books");
		behaviour.setStateTtlProcessingTime(Duration.ofDays(30).toMillis() - 1);
		assertThat(send("ann", ShopEventType.PRODUCT_VIEW, "2", "books").recentViews()).containsExactly("2", "1");

		behaviour.setStateTtlProcessingTime(2 * Duration.ofDays(30).toMillis());

		assertThat(send("ann", ShopEventType.PRODUCT_VIEW, "3", "books").recentViews()).containsExactly("3");
	}

	private ShopperMoment send(String shopper, ShopEventType type, String item, String category) throws Exception {
		long time = ++events;
		ShopEvent event = new ShopEvent("e" + time, shopper, type, item, category, time);
		behaviour.processElement(new StreamRecord<>(event, time));
		List<ShopperMoment> moments = behaviour.extractOutputValues();
		ShopperMoment moment = moments.get(moments.size() - 1);
		recommendations.processElement(new StreamRecord<>(moment, time));
		return moment;
	}

}
