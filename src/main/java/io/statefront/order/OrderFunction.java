package io.statefront.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.statefront.order.OrderResult.Outcome;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdempotencyStore;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.StepId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One stateful function per order, and the coordinator of its checkout saga. Whatever needs
 * another function — the user's existence when the order opens, an item's price when it is added,
 * the stock and the payment at checkout — it asks by saga steps through that function's topic and
 * learns from the {@link SagaReply} on its own. It carries out one such operation at a time;
 * messages arriving meanwhile wait in arrival order (reads are answered at once).
 *
 * <p>Checkout sends every step at once: take each item's quantity, and take the total cost from
 * the user. If all are applied the order is paid; otherwise each applied step is compensated, and
 * only when all compensations are acknowledged does the client hear the refusal, so a 4xx means
 * nothing changed. Everything is decided by the order's own input, in the order Kafka holds it
 * (architecture rules 2 and 3), and the participants apply each step once, so a restore from a
 * checkpoint replays the same saga to the same end.
 *
 * <p>An order leaves the state at its horizon ({@link OrderHorizon}), a paid one once the archive
 * has it ({@link OrderOutputs#ARCHIVE}). What can still arrive then asks about an order that is gone: a client's
 * request (answered as not found, and read from the archive by the web side) or a late copy of a
 * saga reply (ignored, as no operation waits for it).
 */
public class OrderFunction extends KeyedProcessFunction<String, OrderMessage, OrderResponse> {

	static final int IDEMPOTENCY_KEYS_PER_ORDER = 100;

	private transient ValueState<Order> order;

	private transient ValueState<InFlight> inFlight;

	private transient ListState<OrderMessage> waiting;

	/** The refusal of a CREATE whose user did not exist: the id stays unopened, whatever follows. */
	private transient ValueState<OrderResult> refusedCreate;

	private transient IdempotencyStore<OrderResult> idempotency;

	private transient OrderHorizon horizon;

	private final Horizons horizons;

	public OrderFunction(Horizons horizons) {
		this.horizons = horizons;
	}

	@Override
	public void open(OpenContext openContext) {
		order = getRuntimeContext().getState(new ValueStateDescriptor<>("order", TypeInformation.of(Order.class)));
		inFlight = getRuntimeContext()
			.getState(new ValueStateDescriptor<>("in-flight", TypeInformation.of(InFlight.class)));
		waiting = getRuntimeContext()
			.getListState(new ListStateDescriptor<>("waiting", TypeInformation.of(OrderMessage.class)));
		refusedCreate = getRuntimeContext()
			.getState(new ValueStateDescriptor<>("refused-create", TypeInformation.of(OrderResult.class)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "order", OrderResult.class,
				IDEMPOTENCY_KEYS_PER_ORDER, horizons);
		horizon = new OrderHorizon(getRuntimeContext(), horizons);
	}

	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<OrderResponse> out) throws Exception {
		long by = horizons.forgettableBy(timestamp);
		if (passedHorizon(by)) {
			forget();
		}
		else {
			idempotency.forgetExpired(by, context.timerService());
		}
	}

	@Override
	public void processElement(OrderMessage message, Context context, Collector<OrderResponse> out)
			throws Exception {
		long now = Horizons.timeOf(context.timestamp());
		if (passedHorizon(now)) {
			forget(); // the timer may not have fired yet: what it will remove is gone already
		}
		dispatch(message, context, out);
		if (message.operation() != OrderOperation.FIND && order.value() != null && !horizon.settled()) {
			horizon.changed(now, context.timerService());
		}
	}

	/** Whether the order had passed its horizon by {@code now}; one waiting for answers never has. */
	private boolean passedHorizon(long now) throws Exception {
		return inFlight.value() == null && horizon.passed(now);
	}

	private void forget() throws Exception {
		order.clear();
		inFlight.clear();
		waiting.clear();
		refusedCreate.clear();
		horizon.clear();
		idempotency.forgetAll();
	}

	/** A paid order's time for its answers: 0 when its messages carried none. */
	private static long paidAt(long time) {
		return Horizons.known(time) ? time : 0;
	}

	private void settle(Context context) throws Exception {
		horizon.settle(Horizons.timeOf(context.timestamp()), context.timerService());
	}

	private void dispatch(OrderMessage message, Context context, Collector<OrderResponse> out) throws Exception {
		if (message.reply() != null) {
			onReply(message.reply(), context, out);
		}
		else if (inFlight.value() != null && message.operation() != OrderOperation.FIND) {
			waiting.add(message);
		}
		else {
			handle(message, context, out);
		}
	}

	private void handle(OrderMessage message, Context context, Collector<OrderResponse> out) throws Exception {
		String orderId = context.getCurrentKey();
		Order current = order.value();
		String key = message.idempotencyKey();
		if (key != null) {
			Optional<OrderResult> repeated = idempotency.answerToRepeat(key, message.fingerprint(),
					Horizons.timeOf(context.timestamp()),
					() -> OrderResult.refused(Outcome.KEY_REUSED, orderId, current));
			if (repeated.isPresent()) {
				answer(message, repeated.get(), out);
				return;
			}
		}
		switch (message.operation()) {
			case FIND -> answer(message, (current == null) ? OrderResult.refused(Outcome.NOT_FOUND, orderId, null)
					: current.paid() ? OrderResult.ok(orderId, current).paidAt(paidAt(horizon.paidAt()))
							: OrderResult.ok(orderId, current), out);
			case INIT -> {
				Order initialised = new Order(message.userId(), message.items(), message.totalCost(), false,
						(current != null) ? current.sequence() : 0);
				order.update(initialised);
				// set outright, unpaid: whatever settled the id before no longer holds
				horizon.unsettle();
				refusedCreate.clear();
				answer(message, OrderResult.ok(orderId, initialised), out);
			}
			case CREATE -> {
				if (current != null || refusedCreate.value() != null) {
					// ids come only from the create function, so this is a replay (or an idempotent
					// repeat), answered as the first time: a refused id never opens later
					answer(message, (current != null) ? OrderResult.ok(orderId, current) : refusedCreate.value(), out);
					return;
				}
				StepId userExists = steps(context).askUserExists(message.userId());
				inFlight.update(InFlight.awaiting(message, 0, List.of(userExists)));
			}
			case ADD_ITEM, CHECKOUT -> {
				if (current == null || current.paid()) {
					answer(message, OrderResult.refused((current == null) ? Outcome.NOT_FOUND : Outcome.ALREADY_PAID,
							orderId, current), out);
					return;
				}
				Order next = current.nextSequence();
				order.update(next);
				List<StepId> asked = (message.operation() == OrderOperation.ADD_ITEM)
						? List.of(steps(context).askPrice(message.itemId(), next.sequence()))
						: steps(context).takeAndPay(next);
				inFlight.update(InFlight.awaiting(message, next.sequence(), asked));
			}
		}
	}

	private void onReply(SagaReply reply, Context context, Collector<OrderResponse> out) throws Exception {
		InFlight operation = inFlight.value();
		if (operation == null || !operation.awaits(reply)) {
			return; // a duplicate, or an answer to an operation already finished
		}
		String orderId = context.getCurrentKey();
		OrderMessage command = operation.command();
		switch (command.operation()) {
			case CREATE -> {
				if (reply.done()) {
					order.update(Order.opened(command.userId()));
					finish(command, OrderResult.ok(orderId, order.value()), context, out);
				}
				else {
					OrderResult refused = OrderResult.of(Outcome.USER_NOT_FOUND, orderId, null, command.userId(), 0);
					refusedCreate.update(refused);
					settle(context);
					finish(command, refused, context, out);
				}
			}
			case ADD_ITEM -> finish(command, addedItem(command, reply, orderId), context, out);
			case CHECKOUT -> continueCheckout(operation.answeredBy(reply), context, out);
			default -> throw new IllegalStateException(command.operation() + " sends no saga steps");
		}
	}

	private OrderResult addedItem(OrderMessage command, SagaReply priceReply, String orderId) throws Exception {
		Order current = order.value();
		if (!priceReply.done()) {
			return OrderResult.of(Outcome.ITEM_NOT_FOUND, orderId, current, command.itemId(), 0);
		}
		try {
			long cost = Math.multiplyExact(command.quantity(), priceReply.value());
			Order updated = current.withLine(new OrderLine(command.itemId(), command.quantity()), cost);
			order.update(updated);
			return OrderResult.ok(orderId, updated);
		}
		catch (ArithmeticException ex) {
			return OrderResult.refused(Outcome.COST_LIMIT, orderId, current);
		}
	}

	private void continueCheckout(InFlight checkout, Context context, Collector<OrderResponse> out)
			throws Exception {
		if (!checkout.complete()) {
			inFlight.update(checkout);
			return;
		}
		String orderId = context.getCurrentKey();
		SagaReply refusal = checkout.refusal();
		if (refusal == null) {
			Order paid = order.value().asPaid();
			order.update(paid);
			settle(context);
			long paidAt = Horizons.timeOf(context.timestamp());
			context.output(OrderOutputs.ARCHIVE, new ArchivedOrder(orderId, paid.userId(), paid.items(), paid.totalCost(), paidAt));
			finish(checkout.command(), OrderResult.ok(orderId, paid).paidAt(paidAt(paidAt)), context, out);
		}
		else if (checkout.compensating() || checkout.taken().isEmpty()) {
			Order refused = order.value();
			Outcome outcome = OrderSteps.outcomeOf(refusal);
			context.output(OrderOutputs.REFUSALS, new RefusedCheckout(orderId, refused.userId(), outcome,
					refusal.stepId().participantId(), refused.items(), refused.totalCost(),
					Horizons.timeOf(context.timestamp())));
			finish(checkout.command(), OrderResult.of(outcome, orderId, refused, refusal.stepId().participantId(),
					refusal.value()), context, out);
		}
		else {
			inFlight.update(checkout.compensating(steps(context).undo(checkout)));
		}
	}

	private void finish(OrderMessage command, OrderResult result, Context context, Collector<OrderResponse> out)
			throws Exception {
		inFlight.clear();
		if (command.idempotencyKey() != null) {
			idempotency.remember(command.idempotencyKey(), command.fingerprint(), result,
					Horizons.timeOf(context.timestamp()), context.timerService());
		}
		answer(command, result, out);
		List<OrderMessage> next = new ArrayList<>();
		waiting.get().forEach(next::add);
		waiting.clear();
		for (int i = 0; i < next.size(); i++) {
			if (inFlight.value() != null) {
				waiting.addAll(next.subList(i, next.size()));
				return;
			}
			handle(next.get(i), context, out);
		}
	}

	private void answer(OrderMessage message, OrderResult result, Collector<OrderResponse> out) {
		if (message.requestId() != null) {
			out.collect(new OrderResponse(message.requestId(), result, message.trace()));
		}
	}

	private static OrderSteps steps(Context context) {
		return new OrderSteps(context.getCurrentKey(), context::output);
	}

}
