package io.statefront.ledger;

import io.statefront.ledger.UserResult.Outcome;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.EntityFunction;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaParticipation;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * One stateful function per user: holds the user's credit and answers every command to the user,
 * reads included, so a read after an acknowledged write sees it. Exactly once by the
 * {@link EntityFunction} skeleton, deterministic in its input (architecture rule 3).
 *
 * <p>The user also takes part in checkout sagas: a command that carries a {@link SagaStep} is
 * answered on {@link #SAGA_REPLIES}, and each saga's payment is applied once and refunded at most
 * once, however often its messages arrive.
 */
public class UserFunction extends EntityFunction<UserCommand, UserAccount, UserResult, UserResponse> {

	/** Answers to saga steps, for the coordinators' topics. */
	public static final OutputTag<SagaReply> SAGA_REPLIES = sagaRepliesOf("user");

	/** Every change of a user's credit and the message that made it (see {@link AppliedChange}). */
	public static final OutputTag<AppliedChange> CHANGES = changesOf("user");

	static final int IDEMPOTENCY_KEYS_PER_USER = 1000;

	static final int PAID_ORDERS_SHOWN = 50;

	public UserFunction(Horizons horizons) {
		super("user", "account", UserAccount.class, UserResult.class, IDEMPOTENCY_KEYS_PER_USER, horizons);
	}

	@Override
	protected UserResult apply(UserCommand command, @Nullable UserAccount current, long now) throws Exception {
		String userId = command.userId();
		if (command.operation() == UserOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay: never reopen
			if (current == null) {
				update(UserAccount.opened());
			}
			return UserResult.ok(userId, (current == null) ? 0 : current.credit());
		}
		if (command.operation() == UserOperation.INIT) {
			sagas().settleAll();
			update(new UserAccount(command.amount(), false));
			return UserResult.ok(userId, command.amount());
		}
		if (current == null || current.removed()) {
			return UserResult.refused(Outcome.NOT_FOUND, userId, 0);
		}
		long credit = current.credit();
		return switch (command.operation()) {
			case FIND -> UserResult.ok(userId, credit);
			case PAID_ORDERS -> new UserResult(Outcome.OK, userId, credit, sagas().appliedSagas(PAID_ORDERS_SHOWN, now));
			case ADD_CREDIT -> {
				if (credit > Long.MAX_VALUE - command.amount()) {
					yield UserResult.refused(Outcome.CREDIT_LIMIT, userId, credit);
				}
				update(new UserAccount(Math.addExact(credit, command.amount()), false));
				yield UserResult.ok(userId, credit + command.amount());
			}
			case SUBTRACT_CREDIT -> {
				if (credit < command.amount()) {
					yield UserResult.refused(Outcome.INSUFFICIENT_CREDIT, userId, credit);
				}
				update(new UserAccount(credit - command.amount(), false));
				yield UserResult.ok(userId, credit - command.amount());
			}
			case REMOVE -> {
				update(new UserAccount(0, true));
				yield UserResult.ok(userId, credit);
			}
			case CREATE, INIT -> throw new IllegalStateException("handled above");
			case PAY, REFUND -> throw new IllegalArgumentException(command.operation() + " is a saga step only");
		};
	}

	@Override
	protected @Nullable SagaReply answerStep(UserCommand command, SagaStep step, @Nullable UserAccount current,
			long now, TimerService timers) throws Exception {
		SagaParticipation sagas = sagas();
		boolean exists = current != null && !current.removed();
		switch (command.operation()) {
			case FIND -> {
				return exists ? SagaReply.done(step, current.credit()) : SagaReply.refused(step, SagaRefusal.NOT_FOUND, 0);
			}
			case PAY -> {
				return sagas.applyOnce(step, now, () -> {
					if (!exists) {
						return sagas.refused(step, SagaRefusal.NOT_FOUND, 0, now, timers);
					}
					if (current.credit() < command.amount()) {
						return sagas.refused(step, SagaRefusal.NOT_ENOUGH, current.credit(), now, timers);
					}
					long left = current.credit() - command.amount();
					update(new UserAccount(left, false));
					return sagas.applied(step, command.amount(), left, now, timers);
				});
			}
			case REFUND -> {
				long refund = sagas.compensation(step, now, timers);
				long credit = (current != null) ? current.credit() : 0;
				if (refund > 0) {
					// what was paid goes back even to a user removed since, so no money vanishes
					credit = SagaParticipation.givenBack(credit, refund);
					update(new UserAccount(credit, current != null && current.removed()));
				}
				return SagaReply.done(step, credit);
			}
			default -> throw new IllegalArgumentException(command.operation() + " is not a saga step");
		}
	}

	@Override
	protected UserResult keyReused(UserCommand command) {
		return UserResult.refused(Outcome.KEY_REUSED, command.userId(), 0);
	}

	@Override
	protected UserResponse response(@Nullable String requestId, UserResult result) {
		return new UserResponse(requestId, result);
	}

	@Override
	protected String entityId(UserCommand command) {
		return command.userId();
	}

	@Override
	protected long balance(@Nullable UserAccount account) {
		return (account != null) ? account.credit() : 0;
	}

}
