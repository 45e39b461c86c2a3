package io.statefront.platform.flink;

import io.statefront.platform.saga.SagaStep;
import org.jspecify.annotations.Nullable;

/**
 * One change a function made to an entity's balance (a user's credit, an item's stock) and the
 * message that made it. With {@code statefront.flink.applied-change-log} on, the functions job
 * writes these to {@link #TOPIC} in Kafka transactions committed with its checkpoints, so a
 * {@code read_committed} reader sees each change of the state the job runs on exactly once, even
 * across crashes and restores: the fault suite's independent record of what was applied.
 *
 * @param entity the entity's kind and id, such as {@code user/7}
 * @param messageId the idempotency key of the request that made the change, the request id when
 * it had none, or {@code saga/attempt/step} for a saga step
 * @param delta how much the balance changed
 */
public record AppliedChange(String entity, String messageId, long delta) {

	public static final String TOPIC = "applied-changes";

	public static String messageId(@Nullable SagaStep step, @Nullable String idempotencyKey,
			@Nullable String requestId) {
		if (step != null) {
			return step.sagaId() + "/" + step.attempt() + "/" + step.stepId();
		}
		return (idempotencyKey != null) ? idempotencyKey : String.valueOf(requestId);
	}

}
