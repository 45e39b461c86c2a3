package io.statefront.recommendation;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by shopper: reads and updates what the shopper did (recent views, purchases, category
 * affinities) and passes each event on with that picture. A view counts once toward its category,
 * a cart add twice, a purchase three times.
 *
 * <p>A shopper is forgotten {@code statefront.retention.shopper-behaviour} after their last event,
 * by Flink's state time-to-live: RocksDB drops the expired entries as it compacts, the heap backend
 * as it touches them. It runs on the processing-time clock, unlike the entity functions' horizons:
 * a recommendation is a suggestion, not a balance, and a shopper back after the horizon (or a replay
 * across it) is simply one with no history yet.
 */
public class BehaviourFunction extends KeyedProcessFunction<String, ShopEvent, ShopperMoment> {

	private final Duration horizon;

	private transient ValueState<Behaviour> behaviour;

	public BehaviourFunction(Duration horizon) {
		this.horizon = horizon;
	}

	@Override
	public void open(OpenContext openContext) {
		ValueStateDescriptor<Behaviour> descriptor = new ValueStateDescriptor<>("behaviour", Types.POJO(Behaviour.class));
		descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
			.setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
			.setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
			.build());
		behaviour = getRuntimeContext().getState(descriptor);
	}

	@Override
	public void processElement(ShopEvent event, Context context, Collector<ShopperMoment> out) throws Exception {
		Behaviour shopper = behaviour.value();
		if (shopper == null) {
			shopper = new Behaviour();
		}
		switch (event.type()) {
			case PRODUCT_VIEW -> {
				shopper.viewed(event.itemId());
				shopper.drawnTo(event.category(), 1);
			}
			case ADD_TO_CART -> shopper.drawnTo(event.category(), 2);
			case PURCHASE -> {
				shopper.bought(event.itemId());
				shopper.drawnTo(event.category(), 3);
			}
		}
		behaviour.update(shopper);

		// strongest first, ties by name, so the same history always gives the same order
		Map.Entry<String, Long>[] favourites = shopper.categoryAffinity.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.toArray(Map.Entry[]::new);
		String[] categories = new String[favourites.length];
		long[] weights = new long[favourites.length];
		for (int i = 0; i < favourites.length; i++) {
			categories[i] = favourites[i].getKey();
			weights[i] = favourites[i].getValue();
		}
		out.collect(new ShopperMoment(event, shopper.recentViews.clone(),
				shopper.purchased.keySet().stream().sorted().toArray(String[]::new), categories, weights));
	}

}
