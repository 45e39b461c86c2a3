package io.statefront.stock;

import java.util.Optional;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdempotencyStore;
import io.statefront.platform.saga.SagaParticipation;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.stock.ItemResult.Outcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * One stateful function per item: holds its stock and price and answers every command to it,
 * reads included. Deterministic in its input, like the user function (architecture rule 3).
 *
 * <p>The item also takes part in checkout sagas: a command that carries a {@link SagaStep} is
 * answered on {@link #SAGA_REPLIES}, and each saga's take is applied once and returned at most
 * once.
 */
public class ItemFunction extends KeyedProcessFunction<String, ItemCommand, ItemResponse> {

	/** Answers to saga steps, for the coordinators' topics. */
	public static final OutputTag<SagaReply> SAGA_REPLIES = new OutputTag<>("item-saga-replies",
			TypeInformation.of(SagaReply.class));

	/** The item's stock and price each time a message changes them, for the pages' live view. */
	public static final OutputTag<StockLevel> LEVELS = new OutputTag<>("stock-levels",
			TypeInformation.of(StockLevel.class));

	/** Every change of an item's stock and the message that made it (see {@link AppliedChange}). */
	public static final OutputTag<AppliedChange> CHANGES = new OutputTag<>("item-changes",
			TypeInformation.of(AppliedChange.class));

	static final int IDEMPOTENCY_KEYS_PER_ITEM = 1000;

	private transient ValueState<Item> item;

	private transient IdempotencyStore<ItemResult> idempotency;

	private transient SagaParticipation sagas;

	private final Horizons horizons;

	public ItemFunction(Horizons horizons) {
		this.horizons = horizons;
	}

	/**
	 * Removes what had passed its horizon by the timer's time, less the grace: every message still to
	 * come treats it as gone already ({@link Horizons}).
	 */
	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<ItemResponse> out) throws Exception {
		long by = horizons.forgettableBy(timestamp);
		idempotency.forgetExpired(by, context.timerService());
		sagas.forgetExpired(by, context.timerService());
	}

	@Override
	public void open(OpenContext openContext) {
		item = getRuntimeContext().getState(new ValueStateDescriptor<>("item", Types.POJO(Item.class)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "item", ItemResult.class,
				IDEMPOTENCY_KEYS_PER_ITEM, horizons);
		sagas = new SagaParticipation(getRuntimeContext(), "item", horizons);
	}

	@Override
	public void processElement(ItemCommand command, Context context, Collector<ItemResponse> out) throws Exception {
		Item before = item.value();
		handle(command, context, out);
		Item after = item.value();
		if (after != null && !after.equals(before)) {
			context.output(LEVELS, new StockLevel(command.itemId(), after.stock(), after.price()));
		}
		long stockBefore = (before != null) ? before.stock() : 0;
		long stockAfter = (after != null) ? after.stock() : 0;
		if (stockAfter != stockBefore) {
			context.output(CHANGES, new AppliedChange("item/" + command.itemId(),
					AppliedChange.messageId(command.step(), command.idempotencyKey(), command.requestId()),
					stockAfter - stockBefore));
		}
	}

	private void handle(ItemCommand command, Context context, Collector<ItemResponse> out) throws Exception {
		if (command.step() != null) {
			SagaReply reply = answerStep(command, command.step(), context);
			if (reply != null) {
				context.output(SAGA_REPLIES, reply);
			}
			return;
		}
		String key = command.idempotencyKey();
		if (key != null) {
			Optional<ItemResult> repeated = idempotency.answerToRepeat(key, command.fingerprint(), now(context),
					() -> ItemResult.refused(Outcome.KEY_REUSED, command.itemId(), null));
			if (repeated.isPresent()) {
				out.collect(new ItemResponse(command.requestId(), repeated.get()));
				return;
			}
		}
		Item before = item.value();
		ItemResult result = apply(command, before);
		// answers about items that never existed change nothing and need no memory
		if (key != null && (before != null || command.operation() == ItemOperation.CREATE)) {
			idempotency.remember(key, command.fingerprint(), result, now(context), context.timerService());
		}
		out.collect(new ItemResponse(command.requestId(), result));
	}

	private ItemResult apply(ItemCommand command, Item current) throws Exception {
		String itemId = command.itemId();
		if (command.operation() == ItemOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay
			if (current == null) {
				current = new Item(0, command.price());
				item.update(current);
			}
			return ItemResult.ok(itemId, current);
		}
		if (command.operation() == ItemOperation.INIT) {
			sagas.settleAll();
			return update(itemId, new Item(command.amount(), command.price()));
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
			case CREATE, INIT -> throw new IllegalStateException("handled above");
			case TAKE, RETURN -> throw new IllegalArgumentException(command.operation() + " is a saga step only");
		};
	}

	/** The answer to a saga step, or null for a step of an attempt the saga has left behind. */
	private @Nullable SagaReply answerStep(ItemCommand command, SagaStep step, Context context)
			throws Exception {
		long now = now(context);
		TimerService timers = context.timerService();
		Item current = item.value();
		switch (command.operation()) {
			case FIND -> {
				return (current != null) ? SagaReply.done(step, current.price())
						: SagaReply.refused(step, SagaRefusal.NOT_FOUND, 0);
			}
			case TAKE -> {
				Item taking = current;
				return sagas.applyOnce(step, now, () -> {
					if (taking == null) {
						return sagas.refused(step, SagaRefusal.NOT_FOUND, 0, now, timers);
					}
					if (taking.stock() < command.amount()) {
						return sagas.refused(step, SagaRefusal.NOT_ENOUGH, taking.stock(), now, timers);
					}
					long left = taking.stock() - command.amount();
					item.update(new Item(left, taking.price()));
					return sagas.applied(step, command.amount(), left, now, timers);
				});
			}
			case RETURN -> {
				long returned = sagas.compensation(step, now, timers);
				if (returned > 0 && current != null) {
					current = new Item(SagaParticipation.givenBack(current.stock(), returned), current.price());
					item.update(current);
				}
				return SagaReply.done(step, (current != null) ? current.stock() : 0);
			}
			default -> throw new IllegalArgumentException(command.operation() + " is not a saga step");
		}
	}

	private static long now(Context context) {
		return Horizons.timeOf(context.timestamp());
	}

	private ItemResult update(String itemId, Item updated) throws Exception {
		item.update(updated);
		return ItemResult.ok(itemId, updated);
	}

}
