package io.statefront.ledger;

import java.util.Optional;

import io.statefront.ledger.UserResult.Outcome;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdempotencyStore;
import io.statefront.platform.saga.SagaParticipation;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
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
 * One stateful function per user: holds the user's credit and answers every command to the user,
 * reads included, so a read after an acknowledged write sees it. A deterministic state machine of
 * its input (architecture rule 3): the same commands in the same order give the same state and
 * the same answers, which is what makes a restore from a checkpoint exact.
 *
 * <p>The user also takes part in checkout sagas: a command that carries a {@link SagaStep} is
 * answered on {@link #SAGA_REPLIES}, and each saga's payment is applied once and refunded at most
 * once, however often its messages arrive.
 */
public class UserFunction extends KeyedProcessFunction<String, UserCommand, UserResponse> {

	/** Answers to saga steps, for the coordinators' topics. */
	public static final OutputTag<SagaReply> SAGA_REPLIES = new OutputTag<>("user-saga-replies",
			TypeInformation.of(SagaReply.class));

	/** Every change of a user's credit and the message that made it (see {@link AppliedChange}). */
	public static final OutputTag<AppliedChange> CHANGES = new OutputTag<>("user-changes",
			TypeInformation.of(AppliedChange.class));

	static final int IDEMPOTENCY_KEYS_PER_USER = 1000;

	static final int PAID_ORDERS_SHOWN = 50;

	private transient ValueState<UserAccount> account;

	private transient IdempotencyStore<UserResult> idempotency;

	private transient SagaParticipation sagas;

	private final Horizons horizons;

	public UserFunction(Horizons horizons) {
		this.horizons = horizons;
	}

	/**
	 * Removes what had passed its horizon by the timer's time, less the grace: every message still to
	 * come treats it as gone already ({@link Horizons}).
	 */
	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<UserResponse> out) throws Exception {
		long by = horizons.forgettableBy(timestamp);
		idempotency.forgetExpired(by, context.timerService());
		sagas.forgetExpired(by, context.timerService());
	}

	@Override
	public void open(OpenContext openContext) {
		account = getRuntimeContext()
			.getState(new ValueStateDescriptor<>("account", Types.POJO(UserAccount.class)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), "user", UserResult.class,
				IDEMPOTENCY_KEYS_PER_USER, horizons);
		sagas = new SagaParticipation(getRuntimeContext(), "user", horizons);
	}

	@Override
	public void processElement(UserCommand command, Context context, Collector<UserResponse> out) throws Exception {
		long before = credit(account.value());
		handle(command, context, out);
		long after = credit(account.value());
		if (after != before) {
			context.output(CHANGES, new AppliedChange("user/" + command.userId(),
					AppliedChange.messageId(command.step(), command.idempotencyKey(), command.requestId()), after - before));
		}
	}

	private static long now(Context context) {
		return Horizons.timeOf(context.timestamp());
	}

	private static long credit(@Nullable UserAccount account) {
		return (account != null) ? account.credit() : 0;
	}

	private void handle(UserCommand command, Context context, Collector<UserResponse> out) throws Exception {
		if (command.step() != null) {
			SagaReply reply = answerStep(command, command.step(), context);
			if (reply != null) {
				context.output(SAGA_REPLIES, reply);
			}
			return;
		}
		String key = command.idempotencyKey();
		if (key != null) {
			Optional<UserResult> repeated = idempotency.answerToRepeat(key, command.fingerprint(), now(context),
					() -> UserResult.refused(Outcome.KEY_REUSED, command.userId(), 0));
			if (repeated.isPresent()) {
				out.collect(new UserResponse(command.requestId(), repeated.get()));
				return;
			}
		}
		UserAccount before = account.value();
		UserResult result = apply(command, before, now(context));
		// an answer about a user that never existed changes nothing and needs no memory: storing it
		// would let a client grow state for every id it guesses
		if (key != null && (before != null || command.operation() == UserOperation.CREATE)) {
			idempotency.remember(key, command.fingerprint(), result, now(context), context.timerService());
		}
		out.collect(new UserResponse(command.requestId(), result));
	}

	private UserResult apply(UserCommand command, UserAccount current, long now) throws Exception {
		String userId = command.userId();
		if (command.operation() == UserOperation.CREATE) {
			// ids come only from the create function, so a second CREATE is a replay: never reopen
			if (current == null) {
				account.update(UserAccount.opened());
			}
			return UserResult.ok(userId, (current == null) ? 0 : current.credit());
		}
		if (command.operation() == UserOperation.INIT) {
			sagas.settleAll();
			account.update(new UserAccount(command.amount(), false));
			return UserResult.ok(userId, command.amount());
		}
		if (current == null || current.removed()) {
			return UserResult.refused(Outcome.NOT_FOUND, userId, 0);
		}
		long credit = current.credit();
		return switch (command.operation()) {
			case FIND -> UserResult.ok(userId, credit);
			case PAID_ORDERS -> new UserResult(Outcome.OK, userId, credit, sagas.appliedSagas(PAID_ORDERS_SHOWN, now));
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
			case CREATE, INIT -> throw new IllegalStateException("handled above");
			case PAY, REFUND -> throw new IllegalArgumentException(command.operation() + " is a saga step only");
		};
	}

	/** The answer to a saga step, or null for a step of an attempt the saga has left behind. */
	private @Nullable SagaReply answerStep(UserCommand command, SagaStep step, Context context)
			throws Exception {
		long now = now(context);
		TimerService timers = context.timerService();
		UserAccount current = account.value();
		boolean exists = current != null && !current.removed();
		switch (command.operation()) {
			case FIND -> {
				return exists ? SagaReply.done(step, current.credit())
						: SagaReply.refused(step, SagaRefusal.NOT_FOUND, 0);
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
					account.update(new UserAccount(left, false));
					return sagas.applied(step, command.amount(), left, now, timers);
				});
			}
			case REFUND -> {
				long refund = sagas.compensation(step, now, timers);
				long credit = (current != null) ? current.credit() : 0;
				if (refund > 0) {
					// what was paid goes back even to a user removed since, so no money vanishes
					credit = SagaParticipation.givenBack(credit, refund);
					account.update(new UserAccount(credit, current != null && current.removed()));
				}
				return SagaReply.done(step, credit);
			}
			default -> throw new IllegalArgumentException(command.operation() + " is not a saga step");
		}
	}

}
