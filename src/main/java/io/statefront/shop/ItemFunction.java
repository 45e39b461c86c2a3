package io.statefront.shop;

import io.statefront.platform.flink.IdempotencyStore;
import io.statefront.shop.ItemResult.Outcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One stateful function per item: holds its stock and price and answers every command to it,
 * reads included. Deterministic in its input, like the user function (architecture rule 3).
 */
public class ItemFunction extends KeyedProcessFunction<String, ItemCommand, ItemResponse> {

	static final int IDEMPOTENCY_KEYS_PER_ITEM = 1000;

	private transient ValueState<Item> item;

	private transient IdempotencyStore<ItemResult> idempotency;

	@Override
	public void open(OpenContext openContext) {
		item = getRuntimeContext().getState(new ValueStateDescriptor<>("item", Types.POJO(Item.class)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "item", ItemResult.class,
				IDEMPOTENCY_KEYS_PER_ITEM);
	}

	@Override
	public void processElement(ItemCommand command, Context context, Collector<ItemResponse> out) throws Exception {
		String key = command.idempotencyKey();
		if (key != null) {
			var repeat = idempotency.repeatOf(key, command.fingerprint());
			if (repeat.isPresent()) {
				ItemResult answer = repeat.get().sameRequest() ? repeat.get().firstAnswer()
						: ItemResult.refused(Outcome.KEY_REUSED, command.itemId(), null);
				out.collect(new ItemResponse(command.requestId(), answer));
				return;
			}
		}
		Item before = item.value();
		ItemResult result = apply(command, before);
		// answers about items that never existed change nothing and need no memory
		if (key != null && (before != null || command.operation() == ItemOperation.CREATE)) {
			idempotency.remember(key, command.fingerprint(), result);
		}
		out.collect(new ItemResponse(command.requestId(), result));
	}

	private ItemResult apply(ItemCommand command, Item current) throws Exception {
		String itemId = command.itemId();
		if (command.operation() == ItemOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay
			if (current == null) {
				current = new Item(0, command.amount());
				item.update(current);
			}
			return ItemResult.ok(itemId, current);
		}
		if (current == null) {
			return ItemResult.refused(Outcome.NOT_FOUND, itemId, null);
		}
		long stock = current.stock();
		return switch (command.operation()) {
			case FIND -> ItemResult.ok(itemId, current);
			case ADD_STOCK -> {
				if (stock > Long.MAX_VALUE - command.amount()) {
					yield ItemResult.refused(Outcome.STOCK_LIMIT, itemId, current);
				}
				yield update(itemId, new Item(Math.addExact(stock, command.amount()), current.price()));
			}
			case SUBTRACT_STOCK -> {
				if (stock < command.amount()) {
					yield ItemResult.refused(Outcome.INSUFFICIENT_STOCK, itemId, current);
				}
				yield update(itemId, new Item(stock - command.amount(), current.price()));
			}
			case CREATE -> throw new IllegalStateException("handled above");
		};
	}

	private ItemResult update(String itemId, Item updated) throws Exception {
		item.update(updated);
		return ItemResult.ok(itemId, updated);
	}

}
