package io.statefront.stock;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.EntityFunction;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaParticipation;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.stock.ItemResult.Outcome;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * One stateful function per item: holds its stock and price and answers every command to it,
 * reads included. Exactly once by the {@link EntityFunction} skeleton, like the user function.
 *
 * <p>The item also takes part in checkout sagas: a command that carries a {@link SagaStep} is
 * answered on {@link #SAGA_REPLIES}, and each saga's take is applied once and returned at most
 * once.
 */
public class ItemFunction extends EntityFunction<ItemCommand, Item, ItemResult, ItemResponse> {

	/** Answers to saga steps, for the coordinators' topics. */
	public static final OutputTag<SagaReply> SAGA_REPLIES = sagaRepliesOf("item");

	/** The item's stock and price each time a message changes them, for the pages' live view. */
	public static final OutputTag<StockLevel> LEVELS = new OutputTag<>("stock-levels",
			TypeInformation.of(StockLevel.class));

	/** Every change of an item's stock and the message that made it (see {@link AppliedChange}). */
	public static final OutputTag<AppliedChange> CHANGES = changesOf("item");

	static final int IDEMPOTENCY_KEYS_PER_ITEM = 1000;

	public ItemFunction(Horizons horizons) {
		super("item", "item", Item.class, ItemResult.class, IDEMPOTENCY_KEYS_PER_ITEM, horizons);
	}

	@Override
	protected void changed(ItemCommand command, @Nullable Item before, @Nullable Item after, Context context) {
		if (after != null && !after.equals(before)) {
			context.output(LEVELS, new StockLevel(command.itemId(), after.stock(), after.price()));
		}
	}

	@Override
	protected ItemResult apply(ItemCommand command, @Nullable Item current, long now) throws Exception {
		String itemId = command.itemId();
		if (command.operation() == ItemOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay
			if (current == null) {
				current = new Item(0, command.price());
				update(current);
			}
			return ItemResult.ok(itemId, current);
		}
		if (command.operation() == ItemOperation.INIT) {
			sagas().settleAll();
			return updated(itemId, new Item(command.amount(), command.price()));
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
				yield updated(itemId, new Item(Math.addExact(stock, command.amount()), current.price()));
			}
			case SUBTRACT_STOCK -> {
				if (stock < command.amount()) {
					yield ItemResult.refused(Outcome.INSUFFICIENT_STOCK, itemId, current);
				}
				yield updated(itemId, new Item(stock - command.amount(), current.price()));
			}
			case CREATE, INIT -> throw new IllegalStateException("handled above");
			case TAKE, RETURN -> throw new IllegalArgumentException(command.operation() + " is a saga step only");
		};
	}

	@Override
	protected @Nullable SagaReply answerStep(ItemCommand command, SagaStep step, @Nullable Item current, long now,
			TimerService timers) throws Exception {
		SagaParticipation sagas = sagas();
		switch (command.operation()) {
			case FIND -> {
				return (current != null) ? SagaReply.done(step, current.price())
						: SagaReply.refused(step, SagaRefusal.NOT_FOUND, 0);
			}
			case TAKE -> {
				return sagas.applyOnce(step, now, () -> {
					if (current == null) {
						return sagas.refused(step, SagaRefusal.NOT_FOUND, 0, now, timers);
					}
					if (current.stock() < command.amount()) {
						return sagas.refused(step, SagaRefusal.NOT_ENOUGH, current.stock(), now, timers);
					}
					long left = current.stock() - command.amount();
					update(new Item(left, current.price()));
					return sagas.applied(step, command.amount(), left, now, timers);
				});
			}
			case RETURN -> {
				long returned = sagas.compensation(step, now, timers);
				if (returned > 0 && current != null) {
					Item restocked = new Item(SagaParticipation.givenBack(current.stock(), returned), current.price());
					update(restocked);
					return SagaReply.done(step, restocked.stock());
				}
				return SagaReply.done(step, (current != null) ? current.stock() : 0);
			}
			default -> throw new IllegalArgumentException(command.operation() + " is not a saga step");
		}
	}

	@Override
	protected ItemResult keyReused(ItemCommand command) {
		return ItemResult.refused(Outcome.KEY_REUSED, command.itemId(), null);
	}

	@Override
	protected ItemResponse response(@Nullable String requestId, ItemResult result) {
		return new ItemResponse(requestId, result);
	}

	@Override
	protected String entityId(ItemCommand command) {
		return command.itemId();
	}

	@Override
	protected long balance(@Nullable Item item) {
		return (item != null) ? item.stock() : 0;
	}

	private ItemResult updated(String itemId, Item updated) {
		update(updated);
		return ItemResult.ok(itemId, updated);
	}

}
