package io.statefront.ledger;

import java.util.List;

import io.statefront.ledger.UserResult.Outcome;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserFunctionTest {

	private KeyedOneInputStreamOperatorTestHarness<String, UserCommand, UserResponse> harness;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		harness = newHarness();
		harness.open();
	}

	@AfterEach
	void closeHarness() throws Exception {
		harness.close();
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
	void refusesToAddPastTheLargestLong() throws Exception {
		send(UserOperation.CREATE, "1", 0);
		send(UserOperation.ADD_CREDIT, "1", Long.MAX_VALUE - 1);

		assertThat(send(UserOperation.ADD_CREDIT, "1", 2)).isEqualTo(refused(Outcome.CREDIT_LIMIT, "1", Long.MAX_VALUE - 1));
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
		OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
		harness.close();

		harness = newHarness();
		harness.initializeState(checkpoint);
		harness.open();

		assertThat(send("key-1", UserOperation.ADD_CREDIT, "1", 30)).isEqualTo(UserResult.ok("1", 30));
		assertThat(send(UserOperation.SUBTRACT_CREDIT, "1", 30)).isEqualTo(UserResult.ok("1", 0));
	}

	private static KeyedOneInputStreamOperatorTestHarness<String, UserCommand, UserResponse> newHarness()
			throws Exception {
		return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new UserFunction()),
				UserCommand::userId, Types.STRING);
	}

	private UserResult send(UserOperation operation, String userId, long amount) throws Exception {
		return send(null, operation, userId, amount);
	}

	private UserResult send(String idempotencyKey, UserOperation operation, String userId, long amount)
			throws Exception {
		String requestId = "request-" + (++requests);
		harness.processElement(new UserCommand(requestId, idempotencyKey, operation, userId, amount), 0);
		List<UserResponse> replies = harness.extractOutputValues();
		UserResponse reply = replies.get(replies.size() - 1);
		assertThat(reply.requestId()).isEqualTo(requestId);
		return reply.result();
	}

	private static UserResult refused(Outcome outcome, String userId, long credit) {
		return UserResult.refused(outcome, userId, credit);
	}

}
