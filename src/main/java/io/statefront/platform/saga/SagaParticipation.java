package io.statefront.platform.saga;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.statefront.platform.flink.Horizons;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.jspecify.annotations.Nullable;

/**
 * Keyed state of a saga participant (a user, an item): for each saga it took part in, the one step
 * of the latest attempt that it applied or refused. This is how a participant applies each step once and
 * undoes it at most once, however often Kafka and a restore deliver the messages (architecture
 * rule 3).
 *
 * <p>One record per saga, not a bounded window of message ids: a duplicate may arrive long after
 * the original (a restore replays everything since its checkpoint). A record is kept for
 * {@code statefront.retention.finished-orders} after the last step it saw, by the clock of the
 * input ({@link Horizons}), then forgotten. That is safe because every step of a saga is sent while
 * its order waits for the answers, seconds after the one before; later copies of a step only come
 * from a restore re-sending what its order sent after the restore point, at most as late as the
 * age of the restore point plus the time the application was down (the functions do not resume
 * from a point older than nine tenths of the horizon, as after a long outage, {@code OutageGuard};
 * and the application refuses a horizon whose nine tenths a retained checkpoint's age can pass).
 */
public final class SagaParticipation {

	/** What this entity did for the latest attempt of one saga. */
	public record Step(long attempt, StepId stepId, long amount, @Nullable SagaRefusal refusal, long value,
			boolean compensated, long lastSeen) {
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

	private final Horizons horizons;

	public SagaParticipation(RuntimeContext context, String name, Horizons horizons) {
		this.horizons = horizons;
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
	public @Nullable SagaReply applyOnce(SagaStep step, long now, Decision decision) throws Exception {
		return switch (seen(step, now)) {
			case FIRST_TIME -> decision.decide();
			case REPEAT -> firstAnswer(step);
			case STALE -> null;
		};
	}

	/** {@code balance} with a compensation given back, capped at {@link Long#MAX_VALUE}. */
	public static long givenBack(long balance, long compensation) {
		return (balance > Long.MAX_VALUE - compensation) ? Long.MAX_VALUE : balance + compensation;
	}

	Seen seen(SagaStep step, long now) throws Exception {
		Step earlier = kept(step.sagaId(), now);
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
	public SagaReply applied(SagaStep step, long amount, long value, long now, TimerService timers) throws Exception {
		keep(step.sagaId(), new Step(step.attempt(), step.stepId(), amount, null, value, false, now), timers);
		return SagaReply.done(step, value);
	}

	/** Records that the step was refused, so a repeat is refused the same way. */
	public SagaReply refused(SagaStep step, SagaRefusal refusal, long value, long now, TimerService timers)
			throws Exception {
		keep(step.sagaId(), new Step(step.attempt(), step.stepId(), 0, refusal, value, false, now), timers);
		return SagaReply.refused(step, refusal, value);
	}

	/**
	 * Removes the records of the sagas that had seen no step for the horizon by {@code now}. A record
	 * kept before records had times starts its horizon now, so it leaves one horizon later.
	 */
	public void forgetExpired(long now, TimerService timers) throws Exception {
		List<String> expired = new ArrayList<>();
		List<Map.Entry<String, Step>> untimed = new ArrayList<>();
		for (Map.Entry<String, Step> entry : stepsBySaga.entries()) {
			Step step = entry.getValue();
			if (Horizons.passed(step.lastSeen(), horizons.finishedOrdersMs(), now)) {
				expired.add(entry.getKey());
			}
			else if (!Horizons.known(step.lastSeen())) {
				untimed.add(Map.entry(entry.getKey(), step));
			}
		}
		for (String sagaId : expired) {
			stepsBySaga.remove(sagaId);
		}
		for (Map.Entry<String, Step> entry : untimed) {
			Step step = entry.getValue();
			keep(entry.getKey(), new Step(step.attempt(), step.stepId(), step.amount(), step.refusal(), step.value(),
					step.compensated(), now), timers);
		}
	}

	private void keep(String sagaId, Step step, TimerService timers) throws Exception {
		stepsBySaga.put(sagaId, step);
		if (Horizons.known(step.lastSeen())) {
			timers.registerEventTimeTimer(horizons.cleanupTime(step.lastSeen(), horizons.finishedOrdersMs()));
		}
	}

	/** The record of a saga, unless it had passed the horizon by {@code now} (and so counts as forgotten). */
	private @Nullable Step kept(String sagaId, long now) throws Exception {
		Step step = stepsBySaga.get(sagaId);
		return (step == null || Horizons.passed(step.lastSeen(), horizons.finishedOrdersMs(), now)) ? null : step;
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
					new Step(step.attempt(), step.stepId(), step.amount(), null, step.value(), true, step.lastSeen()));
		}
	}

	/**
	 * The sagas whose step this entity applied and has not given back (for a user: the orders it
	 * paid for), at most {@code limit}, the highest ids first: ids are handed out in increasing order.
	 */
	public List<String> appliedSagas(int limit, long now) throws Exception {
		List<String> applied = new ArrayList<>();
		for (Map.Entry<String, Step> entry : stepsBySaga.entries()) {
			Step step = entry.getValue();
			if (step.refusal() == null && !step.compensated()
					&& !Horizons.passed(step.lastSeen(), horizons.finishedOrdersMs(), now)) {
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
	public long compensation(SagaStep compensation, long now, TimerService timers) throws Exception {
		Step earlier = kept(compensation.sagaId(), now);
		if (earlier == null || earlier.attempt() != compensation.attempt() || earlier.refusal() != null
				|| earlier.compensated()) {
			return 0;
		}
		keep(compensation.sagaId(), new Step(earlier.attempt(), earlier.stepId(), earlier.amount(), null,
				earlier.value(), true, now), timers);
		return earlier.amount();
	}

}
