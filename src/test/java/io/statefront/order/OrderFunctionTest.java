package io.statefront.order;

import java.util.List;

import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserOperation;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.platform.saga.StepId;
import io.statefront.stock.ItemCommand;
import io.statefront.stock.ItemOperation;
import io.statefront.support.Emitted;
import io.statefront.support.FunctionHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order function and its checkout saga, message by message, with the user and items played by the test. */
class OrderFunctionTest {

	/** When the order of {@link #aPaidOrderSaysWhenItWasPaidTheTimeOfItsCheckoutsLastAnswer} is paid. */
	private static final long PAID = 1_796_000_000_000L;

	private FunctionHarness<OrderMessage, OrderResponse> orders;

	private Emitted<OrderResponse> responses;

	private Emitted<UserCommand> userSteps;

	private Emitted<ItemCommand> itemSteps;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		orders = FunctionHarness.open(() -> new OrderFunction(Horizons.defaults()), OrderMessage::orderKey);
		responses = orders.output();
		userSteps = orders.sideOutput(OrderOutputs.USER_STEPS);
		itemSteps = orders.sideOutput(OrderOutputs.ITEM_STEPS);
	}

	@AfterEach
	void closeHarness() throws Exception {
		orders.close();
	}

	@Test
	void opensAnOrderOnlyOnceItsUserIsKnownToExist() throws Exception {
		send(OrderMessage.create("r-open", "0", "5"));

		assertThat(answers()).isEmpty();
		assertThat(userSteps())
			.containsExactly(UserCommand.step(UserOperation.FIND, "5", 0, step("0", 0, StepId.userExists("5"))));
		reply(SagaReply.done(step("0", 0, StepId.userExists("5")), 0));
		assertThat(single(answers())).isEqualTo(OrderResult.ok("0", Order.opened("5")));

		send(OrderMessage.create("r-unknown", "1", "6"));
		reply(SagaReply.refused(step("1", 0, StepId.userExists("6")), SagaRefusal.NOT_FOUND, 0));
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.USER_NOT_FOUND);
		assertThat(find("1").outcome()).isEqualTo(Outcome.NOT_FOUND);
	}

	@Test
	void anIdRefusedForAnUnknownUserNeverOpensLater() throws Exception {
		send(OrderMessage.create("r-1", "1", "6"));
		reply(SagaReply.refused(step("1", 0, StepId.userExists("6")), SagaRefusal.NOT_FOUND, 0));
		single(answers());
		userSteps();

		send(OrderMessage.create("r-2", "1", "6"));

		assertThat(single(answers()).outcome()).isEqualTo(Outcome.USER_NOT_FOUND);
		assertThat(userSteps()).isEmpty();
		assertThat(find("1").outcome()).isEqualTo(Outcome.NOT_FOUND);
	}

	@Test
	void addsAnItemAtThePriceItsFunctionGives() throws Exception {
		open("0", "5");

		send(OrderMessage.addItem(nextRequest(), null, "0", "3", 2));
		assertThat(itemSteps())
			.containsExactly(ItemCommand.step(ItemOperation.FIND, "3", 0, step("0", 1, StepId.itemPrice("3"))));
		reply(SagaReply.done(step("0", 1, StepId.itemPrice("3")), 25));

		assertThat(single(answers())).isEqualTo(OrderResult.ok("0",
				new Order("5", List.of(new OrderLine("3", 2)), 50, false, 1)));
	}

	@Test
	void refusesAnUnknownItemAndACostBeyondTheLargestLong() throws Exception {
		open("0", "5");

		assertThat(addItem("0", "4", 1, SagaReply::refused, SagaRefusal.NOT_FOUND, 0).outcome())
			.isEqualTo(Outcome.ITEM_NOT_FOUND);
		assertThat(addItem("0", "3", 2, (step, refusal, price) -> SagaReply.done(step, price), null,
				Long.MAX_VALUE).outcome()).isEqualTo(Outcome.COST_LIMIT);
		assertThat(find("0").items()).isEmpty();
		assertThat(find("0").totalCost()).isZero();
	}

	@Test
	void checkoutTakesEveryItemAndThePaymentAtOnce() throws Exception {
		openWithItems("0", "5");

		send(checkout("0", null));

		assertThat(itemSteps()).containsExactly(
				ItemCommand.step(ItemOperation.TAKE, "3", 3, step("0", 4, StepId.takeStock("3"))),
				ItemCommand.step(ItemOperation.TAKE, "4", 1, step("0", 4, StepId.takeStock("4"))));
		assertThat(userSteps())
			.containsExactly(UserCommand.step(UserOperation.PAY, "5", 85, step("0", 4, StepId.pay("5"))));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 9));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 15));
		assertThat(answers()).isEmpty();
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));

		OrderResult paid = single(answers());
		assertThat(paid.outcome()).isEqualTo(Outcome.OK);
		assertThat(paid.paid()).isTrue();
	}

	@Test
	void aPaidOrderSaysWhenItWasPaidTheTimeOfItsCheckoutsLastAnswer() throws Exception {
		openWithItems("0", "5");
		assertThat(find("0").paidAt()).as("not paid").isZero();

		send(checkout("0", null));
		orders.process(OrderMessage.reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0)), PAID - 20);
		orders.process(OrderMessage.reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 0)), PAID - 10);
		orders.process(OrderMessage.reply(SagaReply.done(step("0", 4, StepId.pay("5")), 0)), PAID);

		assertThat(single(answers()).paidAt()).isEqualTo(PAID);
		orders.process(OrderMessage.request(nextRequest(), null, OrderOperation.FIND, "0"), PAID + 60_000);
		assertThat(single(answers()).paidAt()).as("and every read of it after").isEqualTo(PAID);
	}

	@Test
	void refusesToCheckOutOrAddToAPaidOrder() throws Exception {
		openWithItems("0", "5");
		checkOutSuccessfully("0", 4);

		send(checkout("0", null));
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.ALREADY_PAID);
		send(OrderMessage.addItem(nextRequest(), null, "0", "3", 1));
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.ALREADY_PAID);
		assertThat(itemSteps()).isEmpty();
		assertThat(userSteps()).isEmpty();
	}

	@Test
	void aFailedCheckoutGivesBackWhatItTookBeforeItAnswers() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));
		itemSteps();
		userSteps();

		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("4")), SagaRefusal.NOT_ENOUGH, 0));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 15));

		assertThat(itemSteps()).containsExactly(ItemCommand.step(ItemOperation.RETURN, "3", 0,
				step("0", 4, new StepId(StepId.Kind.RETURN_STOCK, "3"))));
		assertThat(userSteps()).containsExactly(
				UserCommand.step(UserOperation.REFUND, "5", 0, step("0", 4, new StepId(StepId.Kind.REFUND, "5"))));
		reply(SagaReply.done(step("0", 4, new StepId(StepId.Kind.REFUND, "5")), 100));
		assertThat(answers()).isEmpty();
		reply(SagaReply.done(step("0", 4, new StepId(StepId.Kind.RETURN_STOCK, "3")), 3));

		OrderResult refused = single(answers());
		assertThat(refused.outcome()).isEqualTo(Outcome.INSUFFICIENT_STOCK);
		assertThat(refused.refusedBy()).isEqualTo("4");
		assertThat(refused.paid()).isFalse();
	}

	@Test
	void aCheckoutThatTookNothingAnswersAtOnceWithTheFirstRefusal() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));

		reply(SagaReply.refused(step("0", 4, StepId.pay("5")), SagaRefusal.NOT_ENOUGH, 40));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("3")), SagaRefusal.NOT_ENOUGH, 0));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("4")), SagaRefusal.NOT_FOUND, 0));

		OrderResult refused = single(answers());
		assertThat(refused.outcome()).isEqualTo(Outcome.INSUFFICIENT_CREDIT);
		assertThat(refused.refusedBy()).isEqualTo("5");
		assertThat(refused.balance()).isEqualTo(40);
		itemSteps();
		assertThat(itemSteps()).isEmpty();
	}

	@Test
	void ignoresRepeatedRepliesAndRepliesToAnEarlierAttempt() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));
		reply(SagaReply.refused(step("0", 4, StepId.pay("5")), SagaRefusal.NOT_ENOUGH, 40));
		reply(SagaReply.refused(step("0", 4, StepId.pay("5")), SagaRefusal.NOT_ENOUGH, 40));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("3")), SagaRefusal.NOT_ENOUGH, 0));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("4")), SagaRefusal.NOT_ENOUGH, 0));
		single(answers());

		send(checkout("0", null));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 0));
		assertThat(answers()).isEmpty();

		reply(SagaReply.done(step("0", 5, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step("0", 5, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step("0", 5, StepId.pay("5")), 0));
		assertThat(single(answers()).paid()).isTrue();
	}

	@Test
	void messagesArrivingDuringACheckoutWaitTheirTurnButReadsAreAnswered() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));
		send(OrderMessage.addItem(nextRequest(), null, "0", "3", 1));
		send(checkout("0", null));
		itemSteps();

		assertThat(find("0").paid()).isFalse();
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 0));

		assertThat(answers()).extracting(OrderResult::outcome)
			.containsExactly(Outcome.OK, Outcome.ALREADY_PAID, Outcome.ALREADY_PAID);
		assertThat(itemSteps()).isEmpty();
	}

	@Test
	void aFailedCheckoutLetsTheNextWaitingCheckoutTryAgain() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));
		send(checkout("0", null));
		itemSteps();
		userSteps();
		reply(SagaReply.refused(step("0", 4, StepId.pay("5")), SagaRefusal.NOT_ENOUGH, 0));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("3")), SagaRefusal.NOT_ENOUGH, 0));
		reply(SagaReply.refused(step("0", 4, StepId.takeStock("4")), SagaRefusal.NOT_ENOUGH, 0));

		assertThat(single(answers()).outcome()).isEqualTo(Outcome.INSUFFICIENT_CREDIT);
		assertThat(userSteps())
			.containsExactly(UserCommand.step(UserOperation.PAY, "5", 85, step("0", 5, StepId.pay("5"))));
	}

	@Test
	void repeatsTheFirstAnswerToARepeatedIdempotencyKey() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", "key-1"));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 0));
		single(answers());

		send(checkout("0", "key-1"));
		OrderResult repeated = single(answers());
		assertThat(repeated.outcome()).isEqualTo(Outcome.OK);
		assertThat(repeated.paid()).isTrue();
		send(OrderMessage.addItem(nextRequest(), "key-1", "0", "3", 1));
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.KEY_REUSED);
	}

	@Test
	void carriesOnWithACheckoutAfterARestoreFromACheckpoint() throws Exception {
		openWithItems("0", "5");
		send(checkout("0", null));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		OperatorSubtaskState checkpoint = orders.snapshot(1);

		orders.restore(checkpoint);
		reply(SagaReply.done(step("0", 4, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step("0", 4, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step("0", 4, StepId.pay("5")), 0));

		assertThat(single(answers()).paid()).isTrue();
	}

	@Test
	void setsAnOrderInABatch() throws Exception {
		send(OrderMessage.init(nextRequest(), "7", "2", List.of(new OrderLine("1", 1), new OrderLine("9", 1)), 20));

		assertThat(single(answers())).isEqualTo(OrderResult.ok("7",
				new Order("2", List.of(new OrderLine("1", 1), new OrderLine("9", 1)), 20, false, 0)));
	}

	private void open(String orderId, String userId) throws Exception {
		send(OrderMessage.create(nextRequest(), orderId, userId));
		reply(SagaReply.done(step(orderId, 0, StepId.userExists(userId)), 0));
		single(answers());
		userSteps();
	}

	/** An order of 3 × item 3 at 25 (in two lines) and 1 × item 4 at 10: 85 in all, after 3 attempts. */
	private void openWithItems(String orderId, String userId) throws Exception {
		open(orderId, userId);
		addItem(orderId, "3", 2, (step, refusal, price) -> SagaReply.done(step, price), null, 25);
		addItem(orderId, "4", 1, (step, refusal, price) -> SagaReply.done(step, price), null, 10);
		addItem(orderId, "3", 1, (step, refusal, price) -> SagaReply.done(step, price), null, 25);
	}

	private void checkOutSuccessfully(String orderId, long attempt) throws Exception {
		send(checkout(orderId, null));
		reply(SagaReply.done(step(orderId, attempt, StepId.takeStock("3")), 0));
		reply(SagaReply.done(step(orderId, attempt, StepId.takeStock("4")), 0));
		reply(SagaReply.done(step(orderId, attempt, StepId.pay("5")), 0));
		single(answers());
		itemSteps();
		userSteps();
	}

	interface PriceReply {

		SagaReply to(SagaStep step, SagaRefusal refusal, long price);

	}

	private OrderResult addItem(String orderId, String itemId, long quantity, PriceReply answer, SagaRefusal refusal,
			long price) throws Exception {
		send(OrderMessage.addItem(nextRequest(), null, orderId, itemId, quantity));
		ItemCommand asked = single(itemSteps());
		reply(answer.to(asked.step(), refusal, price));
		return single(answers());
	}

	private OrderResult find(String orderId) throws Exception {
		send(OrderMessage.request(nextRequest(), null, OrderOperation.FIND, orderId));
		return single(answers());
	}

	private OrderMessage checkout(String orderId, String idempotencyKey) {
		return OrderMessage.request(nextRequest(), idempotencyKey, OrderOperation.CHECKOUT, orderId);
	}

	private void send(OrderMessage message) throws Exception {
		orders.process(message, 0);
	}

	private void reply(SagaReply reply) throws Exception {
		orders.process(OrderMessage.reply(reply), 0);
	}

	private String nextRequest() {
		return "request-" + (++requests);
	}

	private List<OrderResult> answers() {
		return responses.fresh().stream().map(OrderResponse::result).toList();
	}

	private List<UserCommand> userSteps() {
		return userSteps.fresh();
	}

	private List<ItemCommand> itemSteps() {
		return itemSteps.fresh();
	}

	private static <T> T single(List<T> values) {
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static SagaStep step(String orderId, long attempt, StepId stepId) {
		return new SagaStep(orderId, attempt, stepId, OrderMessage.TOPIC);
	}

}
