package io.statefront.platform.saga;

import org.jspecify.annotations.Nullable;

/**
 * A participant's answer to one {@link SagaStep}. It travels to the coordinator's entity topic
 * under the saga id, wrapped as {@code {"reply": {...}}}, so the coordinator's message record
 * carries it in a field named {@code reply} beside its own commands.
 *
 * @param sagaId the saga, and the key of the message
 * @param attempt the attempt of the step answered
 * @param stepId the step answered
 * @param replyTopic the coordinator's topic, where this reply goes
 * @param done whether the step was applied (or the query answered)
 * @param refusal why the step was not applied, when it was not
 * @param value what the participant reports: the balance after the step, or the value queried
 */
public record SagaReply(String sagaId, long attempt, StepId stepId, String replyTopic, boolean done,
		@Nullable SagaRefusal refusal, long value) {

	public static SagaReply done(SagaStep step, long value) {
		return new SagaReply(step.sagaId(), step.attempt(), step.stepId(), step.replyTopic(), true, null, value);
	}

	public static SagaReply refused(SagaStep step, SagaRefusal refusal, long value) {
		return new SagaReply(step.sagaId(), step.attempt(), step.stepId(), step.replyTopic(), false, refusal, value);
	}

	/** The wrapper a reply travels in. */
	public record Envelope(SagaReply reply) {
	}

}
