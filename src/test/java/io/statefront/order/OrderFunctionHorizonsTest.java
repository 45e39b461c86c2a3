package io.statefront.order;

import java.util.List;

import io.statefront.order.OrderResult.Outcome;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.platform.saga.StepId;
import io.statefront.support.Emitted;
import io.statefront.support.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's horizons, by the time of its messages and the watermark: a paid order leaves the
 * function's state (after the archive got it), an abandoned one is closed and forgotten, one waiting
 * for answers stays, and a message past the horizon sees the order gone even before the timer fires.
 */
class OrderFunctionHorizonsTest {

	private static final long FINISHED = 10_000;

	private static final long OPEN = 60_000;

	private static final long GRACE = 1_000;

	private static final Horizons HORIZONS = new Horizons(5_000, FINISHED, OPEN, GRACE);

	private FunctionHarness<OrderMessage, OrderResponse> orders;

	private Emitted<OrderResponse> responses;

	private Emitted<ArchivedOrder> archived;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		orders = FunctionHarness.open(() -> new OrderFunction(HORIZONS), OrderMessage::orderKey);
		responses = orders.output();
		archived = orders.sideOutput(OrderOutputs.ARCHIVE);
	}

	@AfterEach
	void closeHarness() throws Exception {
		orders.close();
	}

	@Test
	void aPaidOrderGoesToTheArchiveAndLeavesTheStateOnceItsHorizonHasPassed() throws Exception {
		payFor("0", 1_000);
		assertThat(archived.fresh()).containsExactly(
				new ArchivedOrder("0", "5", List.of(new OrderLine("3", 2)), 50, 1_000));
		assertThat(find("0", 1_000 + FINISHED - 1).paid()).isTrue();

		orders.advanceTo(HORIZONS.cleanupTime(1_000, FINISHED) - 1);
		assertThat(orders.keyedStateEntries()).as("kept until the watermark reaches its timer").isPositive();
		orders.advanceTo(HORIZONS.cleanupTime(1_000, FINISHED));

		assertThat(orders.keyedStateEntries()).isZero();
		assertThat(find("0", 1_000 + FINISHED + GRACE).outcome()).isEqualTo(Outcome.NOT_FOUND);
	}

	@Test
	void aMessagePastTheHorizonSeesTheOrderGoneBeforeTheTimerFires() throws Exception {
		payFor("0", 1_000);

		assertThat(find("0", 1_000 + FINISHED).outcome()).isEqualTo(Outcome.NOT_FOUND);
		assertThat(checkout("0", 1_000 + FINISHED).outcome()).isEqualTo(Outcome.NOT_FOUND);
		assertThat(archived.fresh()).hasSize(1);
	}

	@Test
	void anOrderNobodyPaysIsForgottenItsHorizonAfterItsLastChange() throws Exception {
		open("0", 0);
		addItem("0", 20_000);

		orders.advanceTo(HORIZONS.cleanupTime(0, OPEN));
		assertThat(find("0", 20_000 + OPEN - 1).items()).as("the last change started the horizon").hasSize(1);
		orders.advanceTo(HORIZONS.cleanupTime(20_000, OPEN));

		assertThat(orders.keyedStateEntries()).isZero();
		assertThat(archived.fresh()).isEmpty();
	}

	@Test
	void anOrderWaitingForItsSagaIsNeverForgotten() throws Exception {
		open("0", 0);
		addItem("0", 0);
		send(OrderMessage.request(nextRequest(), null, OrderOperation.CHECKOUT, "0"), 0);

		orders.advanceTo(HORIZONS.cleanupTime(0, OPEN) * 2);
		reply(SagaReply.done(step("0", 2, StepId.takeStock("3")), 8), 3 * OPEN);
		reply(SagaReply.done(step("0", 2, StepId.pay("5")), 0), 3 * OPEN);

		OrderResult paid = single(answers());
		assertThat(paid.paid()).isTrue();
		assertThat(archived.fresh()).hasSize(1);
	}

	@Test
	void anOrderSetOutrightAfterItWasSettledStartsAgainAsAnOpenOne() throws Exception {
		payFor("0", 1_000);
		send(OrderMessage.init(nextRequest(), "0", "5", List.of(new OrderLine("3", 1)), 25), 2_000);
		single(answers());
		send(OrderMessage.request(nextRequest(), null, OrderOperation.CHECKOUT, "0"), 2_000);

		// the paid order's horizon passes while the new checkout waits for its answers
		orders.advanceTo(HORIZONS.cleanupTime(1_000, FINISHED));
		reply(SagaReply.done(step("0", 3, StepId.takeStock("3")), 7), 1_000 + FINISHED + 5);
		reply(SagaReply.done(step("0", 3, StepId.pay("5")), 0), 1_000 + FINISHED + 5);

		assertThat(single(answers()).paid()).isTrue();
	}

	private void payFor(String orderId, long at) throws Exception {
		open(orderId, at);
		addItem(orderId, at);
		send(OrderMessage.request(nextRequest(), null, OrderOperation.CHECKOUT, orderId), at);
		reply(SagaReply.done(step(orderId, 2, StepId.takeStock("3")), 8), at);
		reply(SagaReply.done(step(orderId, 2, StepId.pay("5")), 0), at);
		assertThat(single(answers()).paid()).isTrue();
	}

	private void open(String orderId, long at) throws Exception {
		send(OrderMessage.create(nextRequest(), orderId, "5"), at);
		reply(SagaReply.done(step(orderId, 0, StepId.userExists("5")), 0), at);
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.OK);
	}

	private void addItem(String orderId, long at) throws Exception {
		send(OrderMessage.addItem(nextRequest(), null, orderId, "3", 2), at);
		reply(SagaReply.done(step(orderId, 1, StepId.itemPrice("3")), 25), at); // each test adds one item, as attempt 1
		assertThat(single(answers()).outcome()).isEqualTo(Outcome.OK);
	}

	private OrderResult find(String orderId, long at) throws Exception {
		send(OrderMessage.request(nextRequest(), null, OrderOperation.FIND, orderId), at);
		return single(answers());
	}

	private OrderResult checkout(String orderId, long at) throws Exception {
		send(OrderMessage.request(nextRequest(), null, OrderOperation.CHECKOUT, orderId), at);
		return single(answers());
	}

	private void send(OrderMessage message, long at) throws Exception {
		orders.process(message, at);
	}

	private void reply(SagaReply reply, long at) throws Exception {
		orders.process(OrderMessage.reply(reply), at);
	}

	private String nextRequest() {
		return "request-" + (++requests);
	}

	private List<OrderResult> answers() {
		return responses.fresh().stream().map(OrderResponse::result).toList();
	}

	private static <T> T single(List<T> values) {
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static SagaStep step(String orderId, long attempt, StepId stepId) {
		return new SagaStep(orderId, attempt, stepId, OrderMessage.TOPIC);
	}

}
