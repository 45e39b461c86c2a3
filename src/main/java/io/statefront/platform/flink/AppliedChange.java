package io.statefront.platform.flink;

import io.statefront.platform.saga.SagaStep;
import org.jspecify.annotations.Nullable;

/**
 * One change a function made to an entity's balance (a user's credit, an item's stock), the
 * message that made it and what the balance was after it. The functions job writes these to
 * {@link #TOPIC} ({@code statefront.flink.applied-change-log}, on by default), keyed by entity:
 * each entity's history, in the order its function applied it, is the entity's changes in one
 * partition. The console and the API read it as the entity's history; the fault suite checks its
 * histories against it.
 *
 * <p>Every field is a function of the entity's input log (architecture rule 3): a replay after a
 * restore writes the very same record again, so a reader tells a copy from a change by equality
 * (the balance after it differs between two changes by the same message).
 *
 * @param entity the entity's kind and id, such as {@code user/7}
 * @param messageId the idempotency key of the request that made the change, the request id when
 * it had none, or {@code saga/attempt/step} for a saga step ({@code origin} says which)
 * @param delta how much the balance changed
 * @param balance the balance after the change
 * @param at when the message that made it was appended to its command topic (the functions' clock,
 * epoch milliseconds; {@link Horizons#NO_TIME} without one)
 * @param operation what the message asked, such as {@code ADD_CREDIT} or {@code PAY}
 * @param origin what {@code messageId} is
 */
public record AppliedChange(String entity, String messageId, long delta, long balance, long at, String operation,
		Origin origin) {

	public static final String TOPIC = "applied-changes";

	/** What named the message that made a change. */
	public enum Origin {

		/** The client's idempotency key. */
		IDEMPOTENCY_KEY,
		/** The request's id: the client sent no idempotency key. */
		REQUEST_ID,
		/** A step of a saga: {@code sagaId/attempt/step}, the saga id being the order's. */
		SAGA_STEP

	}

	public static String messageId(@Nullable SagaStep step, @Nullable String idempotencyKey,
			@Nullable String requestId) {
		if (step != null) {
			return step.sagaId() + "/" + step.attempt() + "/" + step.stepId();
		}
		return (idempotencyKey != null) ? idempotencyKey : String.valueOf(requestId);
	}

	public static Origin origin(@Nullable SagaStep step, @Nullable String idempotencyKey) {
		return (step != null) ? Origin.SAGA_STEP : (idempotencyKey != null) ? Origin.IDEMPOTENCY_KEY : Origin.REQUEST_ID;
	}

}
