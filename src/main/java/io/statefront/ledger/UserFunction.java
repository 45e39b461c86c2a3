package io.statefront.ledger;

import io.statefront.ledger.UserResult.Outcome;
import io.statefront.platform.flink.IdempotencyStore;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One stateful function per user: holds the user's credit and answers every command to the user,
 * reads included, so a read after an acknowledged write sees it. A deterministic state machine of
 * its input (architecture rule 3): the same commands in the same order give the same state and
 * the same answers, which is what makes a restore from a checkpoint exact.
 */
public class UserFunction extends KeyedProcessFunction<String, UserCommand, UserResponse> {

	static final int IDEMPOTENCY_KEYS_PER_USER = 1000;

	private transient ValueState<UserAccount> account;

	private transient IdempotencyStore<UserResult> idempotency;

	@Override
	public void open(OpenContext openContext) {
		account = getRuntimeContext()
			.getState(new ValueStateDescriptor<>("account", Types.POJO(UserAccount.class)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "user", UserResult.class,
				IDEMPOTENCY_KEYS_PER_USER);
	}

	@Override
	public void processElement(UserCommand command, Context context, Collector<UserResponse> out) throws Exception {
		String key = command.idempotencyKey();
		if (key != null) {
			var repeat = idempotency.repeatOf(key, command.fingerprint());
			if (repeat.isPresent()) {
				UserResult answer = repeat.get().sameRequest() ? repeat.get().firstAnswer()
						: UserResult.refused(Outcome.KEY_REUSED, command.userId(), 0);
				out.collect(new UserResponse(command.requestId(), answer));
				return;
			}
		}
		UserAccount before = account.value();
		UserResult result = apply(command, before);
		// an answer about a user that never existed changes nothing and needs no memory: storing it
		// would let a client grow state for every id it guesses
		if (key != null && (before != null || command.operation() == UserOperation.CREATE)) {
			idempotency.remember(key, command.fingerprint(), result);
		}
		out.collect(new UserResponse(command.requestId(), result));
	}

	private UserResult apply(UserCommand command, UserAccount current) throws Exception {
		String userId = command.userId();
		if (command.operation() == UserOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay: never reopen
			if (current == null) {
				account.update(UserAccount.opened());
			}
			return UserResult.ok(userId, (current == null) ? 0 : current.credit());
		}
		if (current == null || current.removed()) {
			return UserResult.refused(Outcome.NOT_FOUND, userId, 0);
		}
		long credit = current.credit();
		return switch (command.operation()) {
			case FIND -> UserResult.ok(userId, credit);
			case ADD_CREDIT -> {
				if (credit > Long.MAX_VALUE - command.amount()) {
					yield UserResult.refused(Outcome.CREDIT_LIMIT, userId, credit);
				}
				account.update(new UserAccount(Math.addExact(credit, command.amount()), false));
				yield UserResult.ok(userId, credit + command.amount());
			}
			case SUBTRACT_CREDIT -> {
				if (credit < command.amount()) {
					yield UserResult.refused(Outcome.INSUFFICIENT_CREDIT, userId, credit);
				}
				account.update(new UserAccount(credit - command.amount(), false));
				yield UserResult.ok(userId, credit - command.amount());
			}
			case REMOVE -> {
				account.update(new UserAccount(0, true));
				yield UserResult.ok(userId, credit);
			}
			case CREATE -> throw new IllegalStateException("handled above");
		};
	}

}
