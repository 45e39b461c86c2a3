package io.statefront.platform.saga;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.jspecify.annotations.Nullable;

/**
 * Keyed state of a saga participant (a user, an item): for each saga it took part in, the one step
 * of the latest attempt that it applied or refused. This is how a participant applies each step once and
 * undoes it at most once, however often Kafka and a restore deliver the messages (architecture
 * rule 3).
 *
 * <p>One record per saga, not a bounded window of message ids: a duplicate may arrive long after
 * the original (a restore replays a whole checkpoint interval), and the records are as many as the
 * orders that touched the entity, which is what an entity's history holds anyway.
 */
public final class SagaParticipation {

	/** What this entity did for the latest attempt of one saga. */
	public record Step(long attempt, String stepId, long amount, @Nullable String refusal, long value,
			boolean compensated) {
	}

	/** Whether a step is new, a repeat of one already decided, or from an attempt since replaced. */
	enum Seen {

		FIRST_TIME, REPEAT, STALE

	}

	/** Numeric ids by value, highest first (a longer id without leading zeros is the higher one). */
	private static final Comparator<String> NEWEST_FIRST = Comparator.comparingInt(String::length)
		.thenComparing(Comparator.naturalOrder())
		.reversed();

	private final MapState<String, Step> stepsBySaga;

	public SagaParticipation(RuntimeContext context, String name) {
		this.stepsBySaga = context
			.getMapState(new MapStateDescriptor<>(name + "-saga-steps", Types.STRING, Types.POJO(Step.class)));
	}

	/** How a participant decides a step it sees for the first time: by {@link #applied} or {@link #refused}. */
	@FunctionalInterface
	public interface Decision {

		SagaReply decide() throws Exception;

	}

	/**
	 * Decides {@code step} once: the first time by {@code decision}, a repeat by the first answer,
	 * and a step of an attempt the saga has left behind not at all (null: no answer is due).
	 */
	public @Nullable SagaReply applyOnce(SagaStep step, Decision decision) throws Exception {
		return switch (seen(step)) {
			case FIRST_TIME -> decision.decide();
			case REPEAT -> firstAnswer(step);
			case STALE -> null;
		};
	}

	/** {@code balance} with a compensation given back, capped at {@link Long#MAX_VALUE}. */
	public static long givenBack(long balance, long compensation) {
		return (balance > Long.MAX_VALUE - compensation) ? Long.MAX_VALUE : balance + compensation;
	}

	Seen seen(SagaStep step) throws Exception {
		Step earlier = stepsBySaga.get(step.sagaId());
		if (earlier == null || earlier.attempt() < step.attempt()) {
			return Seen.FIRST_TIME;
		}
		return (earlier.attempt() == step.attempt()) ? Seen.REPEAT : Seen.STALE;
	}

	/** The answer given when the step was first decided; only for a {@link Seen#REPEAT}. */
	SagaReply firstAnswer(SagaStep step) throws Exception {
		Step earlier = stepsBySaga.get(step.sagaId());
		return (earlier.refusal() == null) ? SagaReply.done(step, earlier.value())
				: SagaReply.refused(step, earlier.refusal(), earlier.value());
	}

	/** Records that the step took {@code amount}, leaving {@code value}, and answers it done. */
	public SagaReply applied(SagaStep step, long amount, long value) throws Exception {
		stepsBySaga.put(step.sagaId(), new Step(step.attempt(), step.stepId(), amount, null, value, false));
		return SagaReply.done(step, value);
	}

	/** Records that the step was refused, so a repeat is refused the same way. */
	public SagaReply refused(SagaStep step, String refusal, long value) throws Exception {
		stepsBySaga.put(step.sagaId(), new Step(step.attempt(), step.stepId(), 0, refusal, value, false));
		return SagaReply.refused(step, refusal, value);
	}

	/**
	 * Settles every saga this entity took part in, for when its balance is set outright (a batch
	 * initialisation): a compensation arriving later gives nothing back, which would otherwise add
	 * to the new balance what was taken from the old one. The records stay, so a repeated step is
	 * still answered as the first time and never applied again.
	 */
	public void settleAll() throws Exception {
		List<Map.Entry<String, Step>> open = new ArrayList<>();
		for (Map.Entry<String, Step> entry : stepsBySaga.entries()) {
			if (entry.getValue().refusal() == null && !entry.getValue().compensated()) {
				open.add(Map.entry(entry.getKey(), entry.getValue()));
			}
		}
		for (Map.Entry<String, Step> entry : open) {
			Step step = entry.getValue();
			stepsBySaga.put(entry.getKey(),
					new Step(step.attempt(), step.stepId(), step.amount(), null, step.value(), true));
		}
	}

	/**
	 * The sagas whose step this entity applied and has not given back (for a user: the orders it
	 * paid for), at most {@code limit}, the highest ids first: ids are handed out in increasing order.
	 */
	public List<String> appliedSagas(int limit) throws Exception {
		List<String> applied = new ArrayList<>();
		for (Map.Entry<String, Step> entry : stepsBySaga.entries()) {
			if (entry.getValue().refusal() == null && !entry.getValue().compensated()) {
				applied.add(entry.getKey());
			}
		}
		applied.sort(NEWEST_FIRST);
		return List.copyOf(applied.subList(0, Math.min(limit, applied.size())));
	}

	/**
	 * What to give back for a compensation of the step applied in the same attempt: its amount the
	 * first time, 0 for a repeat, a stale attempt or a step that was refused. Marks it compensated.
	 */
	public long compensation(SagaStep compensation) throws Exception {
		Step earlier = stepsBySaga.get(compensation.sagaId());
		if (earlier == null || earlier.attempt() != compensation.attempt() || earlier.refusal() != null
				|| earlier.compensated()) {
			return 0;
		}
		stepsBySaga.put(compensation.sagaId(), new Step(earlier.attempt(), earlier.stepId(), earlier.amount(), null,
				earlier.value(), true));
		return earlier.amount();
	}

}
