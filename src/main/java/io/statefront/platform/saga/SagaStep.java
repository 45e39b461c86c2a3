package io.statefront.platform.saga;

/**
 * The part of a message that makes it a step of a saga: which saga and attempt it belongs to, and
 * where the participant sends its {@link SagaReply}.
 *
 * @param sagaId the coordinating entity's id (an order id), also the key of the reply
 * @param attempt the coordinator's sequence number for the operation that sent the step; a
 * participant never applies a step of an attempt older than one it has seen
 * @param stepId names the step within the attempt, echoed in the reply
 * @param replyTopic the coordinator's entity topic
 */
public record SagaStep(String sagaId, long attempt, StepId stepId, String replyTopic) {
}
