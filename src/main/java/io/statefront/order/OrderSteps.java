package io.statefront.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserOperation;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.platform.saga.StepId;
import io.statefront.stock.ItemCommand;
import io.statefront.stock.ItemOperation;
import org.apache.flink.util.OutputTag;

/**
 * The saga steps one order sends its user and items, and how it reads a refusal: what the order
 * function asks of others, apart from when it asks it.
 */
final class OrderSteps {

	/** Where a step goes: the side outputs the job sinks to the users and stock topics. */
	interface Outputs {

		<T> void output(OutputTag<T> tag, T value);

	}

	private final String orderId;

	private final Outputs outputs;

	OrderSteps(String orderId, Outputs outputs) {
		this.orderId = orderId;
		this.outputs = outputs;
	}

	/** Asks whether the order's user exists, before the order opens. */
	StepId askUserExists(String userId) {
		StepId userExists = StepId.userExists(userId);
		outputs.output(OrderOutputs.USER_STEPS, UserCommand.step(UserOperation.FIND, userId, 0, step(0, userExists)));
		return userExists;
	}

	/** Asks an item's price, for a line to add. */
	StepId askPrice(String itemId, long attempt) {
		StepId price = StepId.itemPrice(itemId);
		outputs.output(OrderOutputs.ITEM_STEPS, ItemCommand.step(ItemOperation.FIND, itemId, 0, step(attempt, price)));
		return price;
	}

	/** Every step of a checkout at once: each item's summed quantity taken, the total paid. */
	List<StepId> takeAndPay(Order order) {
		long attempt = order.sequence();
		Map<String, Long> quantities = new LinkedHashMap<>();
		for (OrderLine line : order.items()) {
			quantities.merge(line.itemId(), line.quantity(), Math::addExact);
		}
		List<StepId> steps = new ArrayList<>();
		quantities.forEach((itemId, quantity) -> {
			StepId take = StepId.takeStock(itemId);
			steps.add(take);
			outputs.output(OrderOutputs.ITEM_STEPS,
					ItemCommand.step(ItemOperation.TAKE, itemId, quantity, step(attempt, take)));
		});
		StepId pay = StepId.pay(order.userId());
		steps.add(pay);
		outputs.output(OrderOutputs.USER_STEPS,
				UserCommand.step(UserOperation.PAY, order.userId(), order.totalCost(), step(attempt, pay)));
		return steps;
	}

	/** Gives back what a failed checkout took: the steps that undo each one applied. */
	List<StepId> undo(InFlight checkout) {
		List<StepId> compensations = new ArrayList<>();
		for (StepId taken : checkout.taken()) {
			StepId undo = taken.compensation();
			compensations.add(undo);
			SagaStep step = step(checkout.attempt(), undo);
			if (undo.asksUser()) {
				outputs.output(OrderOutputs.USER_STEPS,
						UserCommand.step(UserOperation.REFUND, undo.participantId(), 0, step));
			}
			else {
				outputs.output(OrderOutputs.ITEM_STEPS,
						ItemCommand.step(ItemOperation.RETURN, undo.participantId(), 0, step));
			}
		}
		return compensations;
	}

	/** What a checkout refused by {@code refusal} answers: who refused, and why. */
	static Outcome outcomeOf(SagaReply refusal) {
		boolean notFound = refusal.refusal() == SagaRefusal.NOT_FOUND;
		if (refusal.stepId().asksUser()) {
			return notFound ? Outcome.USER_NOT_FOUND : Outcome.INSUFFICIENT_CREDIT;
		}
		return notFound ? Outcome.ITEM_NOT_FOUND : Outcome.INSUFFICIENT_STOCK;
	}

	private SagaStep step(long attempt, StepId stepId) {
		return new SagaStep(orderId, attempt, stepId, OrderMessage.TOPIC);
	}

}
