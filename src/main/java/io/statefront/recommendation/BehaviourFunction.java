package io.statefront.recommendation;

import java.util.Comparator;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by shopper: reads and updates what the shopper did (recent views, purchases, category
 * affinities) and passes each event on with that picture. A view counts once toward its category,
 * a cart add twice, a purchase three times.
 */
public class BehaviourFunction extends KeyedProcessFunction<String, ShopEvent, ShopperMoment> {

	private transient ValueState<Behaviour> behaviour;

	@Override
	public void open(OpenContext openContext) {
		behaviour = getRuntimeContext().getState(new ValueStateDescriptor<>("behaviour", Types.POJO(Behaviour.class)));
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
