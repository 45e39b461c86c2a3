package io.statefront.ledger;

import java.util.List;

import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.platform.saga.StepId;
import io.statefront.support.Emitted;
import io.statefront.support.FunctionHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The horizons of what a user function remembers: idempotency keys and saga records, kept for their
 * horizon by the time of the messages, then removed by a timer; the same after a restore.
 */
class UserFunctionHorizonsTest {

	private static final StepId PAY = StepId.pay("7");

	private static final long KEYS = 10_000;

	private static final long SAGAS = 60_000;

	private static final Horizons HORIZONS = new Horizons(KEYS, SAGAS, 120_000, 1_000);

	private FunctionHarness<UserCommand, UserResponse> users;

	private Emitted<SagaReply> sagaReplies;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		users = FunctionHarness.open(() -> new UserFunction(HORIZONS), UserCommand::userId);
		sagaReplies = users.sideOutput(UserFunction.SAGA_REPLIES);
		send(null, UserOperation.CREATE, 0, 0);
	}

	@AfterEach
	void closeHarness() throws Exception {
		users.close();
	}

	@Test
	void aRepeatedKeyIsAnsweredFromMemoryWithinItsHorizonAndIsANewRequestAfterIt() throws Exception {
		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 1_000).credit()).isEqualTo(10);
		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 1_000 + KEYS - 1).credit()).as("a retry").isEqualTo(10);

		// past the horizon by the message's own time, before any timer has fired
		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 1_000 + KEYS).credit()).isEqualTo(20);
		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 1_000 + KEYS + 5).credit()).as("remembered anew")
			.isEqualTo(20);
	}

	@Test
	void aTimerRemovesTheKeysOnlyOnceTheWatermarkShowsNoMessageCanStillNeedThem() throws Exception {
		int withoutKeys = users.keyedStateEntries();
		send("a", UserOperation.ADD_CREDIT, 10, 1_000);
		send("b", UserOperation.ADD_CREDIT, 10, 2_000);
		int withKeys = users.keyedStateEntries();
		assertThat(withKeys).isGreaterThan(withoutKeys);

		users.advanceTo(1_000 + KEYS + HORIZONS.graceMs() - 1);
		assertThat(users.keyedStateEntries()).isEqualTo(withKeys);
		users.advanceTo(HORIZONS.cleanupTime(2_000, KEYS));

		assertThat(send("a", UserOperation.ADD_CREDIT, 10, 2_000 + KEYS + HORIZONS.graceMs()).credit())
			.as("a is a new request").isEqualTo(30);
		users.advanceTo(HORIZONS.cleanupTime(2_000 + KEYS + HORIZONS.graceMs(), KEYS));
		assertThat(users.keyedStateEntries()).isLessThanOrEqualTo(withoutKeys + 2);
	}

	@Test
	void aSagaRecordIsKeptForItsHorizonAfterItsLastStepThenForgotten() throws Exception {
		send(null, UserOperation.ADD_CREDIT, 100, 0);
		step(UserOperation.PAY, 30, 1, PAY, 1_000);
		assertThat(step(UserOperation.PAY, 30, 1, PAY, 1_000 + SAGAS - 1)).as("a late copy, answered as first")
			.containsExactly(SagaReply.done(sagaStep(1, PAY), 70));
		assertThat(send(null, UserOperation.PAID_ORDERS, 0, 2_000).paidOrders()).containsExactly("order-9");
		assertThat(send(null, UserOperation.FIND, 0, 2_000).credit()).isEqualTo(70);

		users.advanceTo(HORIZONS.cleanupTime(1_000, SAGAS));

		assertThat(send(null, UserOperation.PAID_ORDERS, 0, 1_000 + SAGAS + 1_000).paidOrders()).isEmpty();
		assertThat(users.keyedStateEntries()).as("only the account is left").isEqualTo(1);
	}

	@Test
	void aRestoredFunctionForgetsAtTheSameTimes() throws Exception {
		send("k", UserOperation.ADD_CREDIT, 10, 1_000);
		OperatorSubtaskState snapshot = users.snapshot(1);
		users.restore(snapshot);

		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 2_000).credit()).as("a retry").isEqualTo(10);
		users.advanceTo(HORIZONS.cleanupTime(1_000, KEYS));
		assertThat(send("k", UserOperation.ADD_CREDIT, 10, 1_000 + KEYS + HORIZONS.graceMs()).credit()).isEqualTo(20);
	}

	private List<SagaReply> step(UserOperation operation, long amount, long attempt, StepId stepId, long at)
			throws Exception {
		users.process(UserCommand.step(operation, "7", amount, sagaStep(attempt, stepId)), at);
		return sagaReplies.fresh();
	}

	private static SagaStep sagaStep(long attempt, StepId stepId) {
		return new SagaStep("order-9", attempt, stepId, "orders");
	}

	private UserResult send(String key, UserOperation operation, long amount, long at) throws Exception {
		String requestId = "request-" + (++requests);
		users.process(new UserCommand(requestId, key, operation, "7", amount), at);
		UserResponse reply = users.latestOutput();
		assertThat(reply.requestId()).isEqualTo(requestId);
		return reply.result();
	}

}
