package io.statefront.platform.flink;

import java.util.Optional;

import io.statefront.platform.saga.SagaParticipation;
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
 * The exactly-once skeleton of a function that holds one entity per key (a user, an item) and
 * takes part in sagas; a subclass says only what its messages do to its entity.
 *
 * <p>Per message: a saga step is decided once per saga ({@link SagaParticipation}) and answered on
 * the {@code <kind>-saga-replies} side output; a client's request under an idempotency key it has
 * answered before gets that first answer ({@link IdempotencyStore}); anything else is applied, and
 * its answer remembered under its key. The entity is read once and written at most once per
 * message, and every change of its balance goes to the {@code <kind>-changes} side output with
 * the message that made it, the balance after it and the message's time ({@link AppliedChange}). A deterministic state machine of its input
 * (architecture rule 3): the same messages in the same order give the same state and answers,
 * which is what makes a restore from a checkpoint exact.
 *
 * @param <C> the messages to the entity
 * @param <S> the entity's state
 * @param <R> its answer to a client's request
 * @param <O> what it emits for the waiting request: the answer with the request's id
 */
public abstract class EntityFunction<C extends EntityFunction.Command, S, R, O extends Traced<O>>
		extends KeyedProcessFunction<String, C, O> {

	/** What the skeleton reads of a message to an entity. */
	public interface Command {

		@Nullable String requestId();

		@Nullable String idempotencyKey();

		/** The saga step this message is, or {@code null} for a client's request. */
		@Nullable SagaStep step();

		/** What a repeat under the same idempotency key must also ask to get the first answer. */
		String fingerprint();

		/** Whether the message opens its entity (its answer is remembered though nothing existed before). */
		boolean opens();

		/** What the message asks, as the applied-change log names it. */
		Enum<?> operation();

		/** The client's request's trace, which its answer carries on; {@code null} when untraced. */
		@Nullable FunctionTrace trace();

	}

	private final String kind;

	private final String stateName;

	private final Class<S> stateType;

	private final Class<R> resultType;

	private final int idempotencyKeysPerEntity;

	private final OutputTag<SagaReply> sagaReplies;

	private final OutputTag<AppliedChange> changes;

	protected final Horizons horizons;

	private transient ValueState<S> entity;

	private transient IdempotencyStore<R> idempotency;

	private transient SagaParticipation sagas;

	/** The entity as the current message leaves it; written back once, after the message. */
	private transient @Nullable S working;

	private transient boolean changed;

	/**
	 * @param kind names the entity in state names, side outputs and the applied-change log
	 * @param stateName the name of the entity's value state
	 * @param idempotencyKeysPerEntity the flood guard: at most this many keys are remembered per entity
	 */
	protected EntityFunction(String kind, String stateName, Class<S> stateType, Class<R> resultType,
			int idempotencyKeysPerEntity, Horizons horizons) {
		this.kind = kind;
		this.stateName = stateName;
		this.stateType = stateType;
		this.resultType = resultType;
		this.idempotencyKeysPerEntity = idempotencyKeysPerEntity;
		this.horizons = horizons;
		this.sagaReplies = sagaRepliesOf(kind);
		this.changes = changesOf(kind);
	}

	/** The side output of a kind of entity's answers to saga steps, for the coordinators' topics. */
	protected static OutputTag<SagaReply> sagaRepliesOf(String kind) {
		return new OutputTag<>(kind + "-saga-replies", TypeInformation.of(SagaReply.class));
	}

	/** The side output of every change of a kind of entity's balance and the message that made it. */
	protected static OutputTag<AppliedChange> changesOf(String kind) {
		return new OutputTag<>(kind + "-changes", TypeInformation.of(AppliedChange.class));
	}

	/** What {@code command} does to {@code current} (null: the entity does not exist), and its answer. */
	protected abstract R apply(C command, @Nullable S current, long now) throws Exception;

	/** The answer to a saga step, or null for a step of an attempt its saga has left behind. */
	protected abstract @Nullable SagaReply answerStep(C command, SagaStep step, @Nullable S current, long now,
			TimerService timers) throws Exception;

	/** The answer to a key used again for another request. */
	protected abstract R keyReused(C command);

	protected abstract O response(@Nullable String requestId, R result);

	/** The entity's id: the message's key. */
	protected abstract String entityId(C command);

	/** What the applied-change log follows: credit, stock. */
	protected abstract long balance(@Nullable S state);

	/** Called after a message that changed the entity, for what else follows its changes. */
	protected void changed(C command, @Nullable S before, @Nullable S after, Context context) {
	}

	/** Replaces the entity, as the current message leaves it. */
	protected final void update(@Nullable S state) {
		working = state;
		changed = true;
	}

	protected final SagaParticipation sagas() {
		return sagas;
	}

	@Override
	public void open(OpenContext openContext) {
		entity = getRuntimeContext().getState(new ValueStateDescriptor<>(stateName, Types.POJO(stateType)));
		idempotency = new IdempotencyStore<>(getRuntimeContext(), kind, resultType, idempotencyKeysPerEntity,
				horizons);
		sagas = new SagaParticipation(getRuntimeContext(), kind, horizons);
	}

	/**
	 * Removes what had passed its horizon by the timer's time, less the grace: every message still to
	 * come treats it as gone already ({@link Horizons}).
	 */
	@Override
	public void onTimer(long timestamp, OnTimerContext context, Collector<O> out) throws Exception {
		long by = horizons.forgettableBy(timestamp);
		idempotency.forgetExpired(by, context.timerService());
		sagas.forgetExpired(by, context.timerService());
	}

	@Override
	public void processElement(C command, Context context, Collector<O> out) throws Exception {
		S before = entity.value();
		working = before;
		changed = false;
		handle(command, before, context, out);
		if (!changed) {
			return;
		}
		S after = working;
		entity.update(after);
		long balance = balance(after);
		long delta = balance - balance(before);
		if (delta != 0) {
			context.output(changes, new AppliedChange(kind + "/" + entityId(command),
					AppliedChange.messageId(command.step(), command.idempotencyKey(), command.requestId()), delta,
					balance, Horizons.timeOf(context.timestamp()), command.operation().name(),
					AppliedChange.origin(command.step(), command.idempotencyKey())));
		}
		changed(command, before, after, context);
	}

	private void handle(C command, @Nullable S current, Context context, Collector<O> out) throws Exception {
		long now = Horizons.timeOf(context.timestamp());
		if (command.step() != null) {
			SagaReply reply = answerStep(command, command.step(), current, now, context.timerService());
			if (reply != null) {
				context.output(sagaReplies, reply);
			}
			return;
		}
		String key = command.idempotencyKey();
		if (key != null) {
			Optional<R> repeated = idempotency.answerToRepeat(key, command.fingerprint(), now,
					() -> keyReused(command));
			if (repeated.isPresent()) {
				out.collect(answer(command, repeated.get()));
				return;
			}
		}
		R result = apply(command, current, now);
		// an answer about an entity that never existed changes nothing and needs no memory: storing
		// it would let a client grow state for every id it guesses
		if (key != null && (current != null || command.opens())) {
			idempotency.remember(key, command.fingerprint(), result, now, context.timerService());
		}
		out.collect(answer(command, result));
	}

	private O answer(C command, R result) {
		O response = response(command.requestId(), result);
		return (command.trace() != null) ? response.withTrace(command.trace()) : response;
	}

}
