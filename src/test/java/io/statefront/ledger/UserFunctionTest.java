package io.statefront.ledger;

import java.util.List;

import io.statefront.platform.flink.Horizons;
import io.statefront.ledger.UserResult.Outcome;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.AppliedChange.Origin;
import io.statefront.platform.saga.SagaRefusal;
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

class UserFunctionTest {

	/** When the broker appended a message, as the function reads it from the record. */
	private static final long APPENDED_AT = 1_765_000_000_000L;

	private static final StepId PAY = StepId.pay("1");

	private static final StepId REFUND = new StepId(StepId.Kind.REFUND, "1");

	private static final StepId USER_EXISTS = StepId.userExists("1");

	private FunctionHarness<UserCommand, UserResponse> users;

	private Emitted<SagaReply> sagaReplies;

	private Emitted<AppliedChange> changes;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		users = FunctionHarness.open(() -> new UserFunction(Horizons.defaults()), UserCommand::userId);
		sagaReplies = users.sideOutput(UserFunction.SAGA_REPLIES);
		changes = users.sideOutput(UserFunction.CHANGES);
	}

	@AfterEach
	void closeHarness() throws Exception {
		users.close();
	}

	@Test
	void opensAUserWithNoCreditAndAnswersReads() throws Exception {
		assertThat(send(UserOperation.FIND, "7", 0)).isEqualTo(refused(Outcome.NOT_FOUND, "7", 0));

		assertThat(send(UserOperation.CREATE, "7", 0)).isEqualTo(UserResult.ok("7", 0));
		assertThat(send(UserOperation.FIND, "7", 0)).isEqualTo(UserResult.ok("7", 0));
	}

	@Test
	void addsAndSubtractsCreditButNeverBelowZero() throws Exception {
		send(UserOperation.CREATE, "1", 0);

		assertThat(send(UserOperation.ADD_CREDIT, "1", 100)).isEqualTo(UserResult.ok("1", 100));
		assertThat(send(UserOperation.SUBTRACT_CREDIT, "1", 60)).isEqualTo(UserResult.ok("1", 40));
		assertThat(send(UserOperation.SUBTRACT_CREDIT, "1", 41))
			.isEqualTo(refused(Outcome.INSUFFICIENT_CREDIT, "1", 40));
		assertThat(send(UserOperation.SUBTRACT_CREDIT, "1", 40)).isEqualTo(UserResult.ok("1", 0));
		assertThat(send(UserOperation.FIND, "1", 0)).isEqualTo(UserResult.ok("1", 0));
	}

	@Test
	void logsEachChangeOfCreditOnceWithTheMessageThatMadeIt() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send("add-1", UserOperation.ADD_CREDIT, "1", 100);
		send("add-1", UserOperation.ADD_CREDIT, "1", 100);
		send("take-too-much", UserOperation.SUBTRACT_CREDIT, "1", 500);
		send(UserOperation.FIND, "1", 0);
		step(UserOperation.PAY, "1", 30, 1, PAY);
		step(UserOperation.PAY, "1", 30, 1, PAY);
		step(UserOperation.REFUND, "1", 0, 1, REFUND);
		users.process(new UserCommand("request-without-key", null, UserOperation.ADD_CREDIT, "1", 5), APPENDED_AT);

		assertThat(changes.fresh()).containsExactly(
				new AppliedChange("user/1", "add-1", 100, 100, 0, "ADD_CREDIT", Origin.IDEMPOTENCY_KEY),
				new AppliedChange("user/1", "order-9/1/pay:1", -30, 70, 0, "PAY", Origin.SAGA_STEP),
				new AppliedChange("user/1", "order-9/1/refund:1", 30, 100, 0, "REFUND", Origin.SAGA_STEP),
				new AppliedChange("user/1", "request-without-key", 5, 105, APPENDED_AT, "ADD_CREDIT",
						Origin.REQUEST_ID));
	}

	@Test
	void refusesToAddPastTheLargestLong() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", Long.MAX_VALUE - 1);

		assertThat(send(UserOperation.ADD_CREDIT, "1", 2))
			.isEqualTo(refused(Outcome.CREDIT_LIMIT, "1", Long.MAX_VALUE - 1));
		assertThat(send(UserOperation.ADD_CREDIT, "1", 1)).isEqualTo(UserResult.ok("1", Long.MAX_VALUE));
	}

	@Test
	void aRemovedUserIsGoneForGoodEvenWhenItsCreateIsReplayed() throws Exception {
		send(UserOperation.CREATE, "3", 0);
		send(UserOperation.ADD_CREDIT, "3", 5);

		assertThat(send(UserOperation.REMOVE, "3", 0)).isEqualTo(UserResult.ok("3", 5));
		assertThat(send(UserOperation.REMOVE, "3", 0)).isEqualTo(refused(Outcome.NOT_FOUND, "3", 0));
		send(UserOperation.CREATE, "3", 0);
		assertThat(send(UserOperation.FIND, "3", 0)).isEqualTo(refused(Outcome.NOT_FOUND, "3", 0));
		assertThat(send(UserOperation.ADD_CREDIT, "3", 1)).isEqualTo(refused(Outcome.NOT_FOUND, "3", 0));
	}

	@Test
	void aRepeatedIdempotencyKeyIsAppliedOnceAndGetsTheFirstAnswer() throws Exception {
		send(UserOperation.CREATE, "1", 0);

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 10)).isEqualTo(UserResult.ok("1", 10));
		send(UserOperation.ADD_CREDIT, "1", 5);
		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 10)).isEqualTo(UserResult.ok("1", 10));

		assertThat(send(UserOperation.FIND, "1", 0)).isEqualTo(UserResult.ok("1", 15));
	}

	@Test
	void aRefusalIsRememberedLikeASuccess() throws Exception {
		send(UserOperation.CREATE, "1", 0);

		assertThat(send("key-1", UserOperation.SUBTRACT_CREDIT, "1", 10))
			.isEqualTo(refused(Outcome.INSUFFICIENT_CREDIT, "1", 0));
		send(UserOperation.ADD_CREDIT, "1", 50);
		assertThat(send("key-1", UserOperation.SUBTRACT_CREDIT, "1", 10))
			.isEqualTo(refused(Outcome.INSUFFICIENT_CREDIT, "1", 0));
		assertThat(send(UserOperation.FIND, "1", 0)).isEqualTo(UserResult.ok("1", 50));
	}

	@Test
	void anIdempotencyKeyReusedForADifferentRequestChangesNothing() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send("key-1", UserOperation.ADD_CREDIT, "1", 10);

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 11)).isEqualTo(refused(Outcome.KEY_REUSED, "1", 0));
		assertThat(send("key-1", UserOperation.SUBTRACT_CREDIT, "1", 10))
			.isEqualTo(refused(Outcome.KEY_REUSED, "1", 0));
		assertThat(send(UserOperation.FIND, "1", 0)).isEqualTo(UserResult.ok("1", 10));
	}

	@Test
	void idempotencyKeysAreScopedToTheirUser() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.CREATE, "2", 0);

		send("same-key", UserOperation.ADD_CREDIT, "1", 10);
		assertThat(send("same-key", UserOperation.ADD_CREDIT, "2", 10)).isEqualTo(UserResult.ok("2", 10));
	}

	@Test
	void remembersNothingForAUserThatNeverExisted() throws Exception {
		assertThat(send("key-1", UserOperation.ADD_CREDIT, "9", 10)).isEqualTo(refused(Outcome.NOT_FOUND, "9", 0));
		send(UserOperation.CREATE, "9", 0);

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "9", 10)).isEqualTo(UserResult.ok("9", 10));
	}

	@Test
	void forgetsTheOldestKeysBeyondItsCapacity() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		for (int i = 0; i <= UserFunction.IDEMPOTENCY_KEYS_PER_USER; i++) {
			send("key-" + i, UserOperation.ADD_CREDIT, "1", 1);
		}
		long credit = UserFunction.IDEMPOTENCY_KEYS_PER_USER + 1;

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 1)).isEqualTo(UserResult.ok("1", 2));
		assertThat(send("key-0", UserOperation.ADD_CREDIT, "1", 1)).isEqualTo(UserResult.ok("1", credit + 1));
	}

	@Test
	void restoresCreditAndRememberedKeysFromACheckpoint() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send("key-1", UserOperation.ADD_CREDIT, "1", 30);
		OperatorSubtaskState checkpoint = users.snapshot(1);

		users.restore(checkpoint);

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 30)).isEqualTo(UserResult.ok("1", 30));
		assertThat(send(UserOperation.SUBTRACT_CREDIT, "1", 30)).isEqualTo(UserResult.ok("1", 0));
	}

	@Test
	void paysForASagaOnceHoweverOftenTheStepArrives() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 50);

		assertThat(step(UserOperation.PAY, "1", 30, 1, PAY)).containsExactly(done(1, PAY, 20));
		assertThat(step(UserOperation.PAY, "1", 30, 1, PAY)).containsExactly(done(1, PAY, 20));
		assertThat(send(UserOperation.FIND, "1", 0).credit()).isEqualTo(20);
	}

	@Test
	void refusesAPaymentBeyondTheCreditAndRepeatsTheRefusal() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 10);

		SagaReply refusal = SagaReply.refused(sagaStep(1, PAY), SagaRefusal.NOT_ENOUGH, 10);
		assertThat(step(UserOperation.PAY, "1", 11, 1, PAY)).containsExactly(refusal);
		send(UserOperation.ADD_CREDIT, "1", 10);

		assertThat(step(UserOperation.PAY, "1", 11, 1, PAY)).containsExactly(refusal);
		assertThat(send(UserOperation.FIND, "1", 0).credit()).isEqualTo(20);
	}

	@Test
	void refundsAPaymentOnceAndNothingForARefusedOne() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 50);
		step(UserOperation.PAY, "1", 30, 1, PAY);

		assertThat(step(UserOperation.REFUND, "1", 0, 1, REFUND)).containsExactly(done(1, REFUND, 50));
		assertThat(step(UserOperation.REFUND, "1", 0, 1, REFUND)).containsExactly(done(1, REFUND, 50));
		step(UserOperation.PAY, "1", 80, 2, PAY);
		assertThat(step(UserOperation.REFUND, "1", 0, 2, REFUND)).containsExactly(done(2, REFUND, 50));
	}

	@Test
	void ignoresAStepOfAnAttemptTheSagaHasLeftBehind() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 50);
		step(UserOperation.PAY, "1", 30, 1, PAY);
		step(UserOperation.REFUND, "1", 0, 1, REFUND);
		step(UserOperation.PAY, "1", 40, 2, PAY);

		assertThat(step(UserOperation.PAY, "1", 30, 1, PAY)).isEmpty();
		assertThat(step(UserOperation.REFUND, "1", 0, 1, REFUND)).containsExactly(done(1, REFUND, 10));
		assertThat(send(UserOperation.FIND, "1", 0).credit()).isEqualTo(10);
	}

	@Test
	void refusesToPayForAUserThatDoesNotExistOrWasRemoved() throws Exception {
		assertThat(step(UserOperation.PAY, "1", 1, 1, PAY))
			.containsExactly(SagaReply.refused(sagaStep(1, PAY), SagaRefusal.NOT_FOUND, 0));
		assertThat(step(UserOperation.FIND, "1", 0, 0, USER_EXISTS))
			.containsExactly(SagaReply.refused(sagaStep(0, USER_EXISTS), SagaRefusal.NOT_FOUND, 0));
		send(UserOperation.CREATE, "2", 0);
		send(UserOperation.REMOVE, "2", 0);

		assertThat(step(UserOperation.FIND, "2", 0, 0, USER_EXISTS))
			.containsExactly(SagaReply.refused(sagaStep(0, USER_EXISTS), SagaRefusal.NOT_FOUND, 0));
	}

	@Test
	void initialisesAUserInABatch() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 5);

		assertThat(send(UserOperation.INIT, "1", 100)).isEqualTo(UserResult.ok("1", 100));
		assertThat(send(UserOperation.INIT, "2", 100)).isEqualTo(UserResult.ok("2", 100));
		assertThat(send(UserOperation.FIND, "2", 0)).isEqualTo(UserResult.ok("2", 100));
	}

	@Test
	void aBatchInitialisationIsNotUndoneByARefundOfAnEarlierPayment() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 100);
		step(UserOperation.PAY, "1", 80, 1, PAY);

		send(UserOperation.INIT, "1", 1000);

		assertThat(step(UserOperation.REFUND, "1", 0, 1, REFUND)).containsExactly(done(1, REFUND, 1000));
		assertThat(step(UserOperation.PAY, "1", 80, 1, PAY)).containsExactly(done(1, PAY, 20));
		assertThat(send(UserOperation.FIND, "1", 0).credit()).isEqualTo(1000);
	}

	@Test
	void remembersSagaStepsAcrossACheckpoint() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 50);
		step(UserOperation.PAY, "1", 30, 1, PAY);
		OperatorSubtaskState checkpoint = users.snapshot(1);

		users.restore(checkpoint);

		assertThat(step(UserOperation.PAY, "1", 30, 1, PAY)).containsExactly(done(1, PAY, 20));
		assertThat(step(UserOperation.REFUND, "1", 0, 1, REFUND)).containsExactly(done(1, REFUND, 50));
	}

	@Test
	void listsTheOrdersTheUserPaidForNewestFirstLeavingOutRefundedAndRefusedOnes() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", 100);
		for (String order : List.of("9", "10", "12", "11", "13")) {
			users.process(UserCommand.step(UserOperation.PAY, "1", 10, new SagaStep(order, 1, PAY, "orders")), 0);
		}
		users.process(UserCommand.step(UserOperation.REFUND, "1", 0, new SagaStep("11", 1, REFUND, "orders")), 0);
		users.process(UserCommand.step(UserOperation.PAY, "1", 1000, new SagaStep("14", 1, PAY, "orders")), 0);

		UserResult paid = send(UserOperation.PAID_ORDERS, "1", 0);

		assertThat(paid.paidOrders()).containsExactly("13", "12", "10", "9");
		assertThat(paid.credit()).isEqualTo(60);
		assertThat(send(UserOperation.PAID_ORDERS, "2", 0).outcome()).isEqualTo(Outcome.NOT_FOUND);
	}

	private List<SagaReply> step(UserOperation operation, String userId, long amount, long attempt, StepId stepId)
			throws Exception {
		users.process(UserCommand.step(operation, userId, amount, sagaStep(attempt, stepId)), 0);
		return sagaReplies.fresh();
	}

	private static SagaStep sagaStep(long attempt, StepId stepId) {
		return new SagaStep("order-9", attempt, stepId, "orders");
	}

	private static SagaReply done(long attempt, StepId stepId, long credit) {
		return SagaReply.done(sagaStep(attempt, stepId), credit);
	}

	private UserResult send(UserOperation operation, String userId, long amount) throws Exception {
		return send(null, operation, userId, amount);
	}

	private UserResult send(String idempotencyKey, UserOperation operation, String userId, long amount)
			throws Exception {
		String requestId = "request-" + (++requests);
		users.process(new UserCommand(requestId, idempotencyKey, operation, userId, amount), 0);
		UserResponse reply = users.latestOutput();
		assertThat(reply.requestId()).isEqualTo(requestId);
		return reply.result();
	}

	private static UserResult refused(Outcome outcome, String userId, long credit) {
		return UserResult.refused(outcome, userId, credit);
	}

}
