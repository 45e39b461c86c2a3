package io.statefront.platform.web;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.gateway.ReplyTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;

/**
 * What it means for the one who asked when a request to the pipeline got no answer (architecture
 * rule 5): nothing was sent, or it was sent and may or may not have been applied. The one reading
 * of the gateway's failures that the API's problems and the console's messages are worded from.
 */
public enum PipelineFailure {

	/**
	 * Nothing was sent (the job is not running, too many requests wait for replies, Kafka did not
	 * take it): nothing changed, and sending again later is all there is to do.
	 */
	NOT_SENT,

	/** Sent, but its answer did not come in time: it may or may not have been applied. */
	NO_REPLY_IN_TIME,

	/** Sent, and Kafka failed it after taking it (or a batch stopped part way): it may or may not have been applied. */
	OUTCOME_UNKNOWN;

	/**
	 * What {@code failure} means, read from the outermost exception of its chain that says (so
	 * through the wrappers a future adds); empty when none is a failure of the pipeline.
	 */
	public static Optional<PipelineFailure> of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			PipelineFailure reading = read(cause);
			if (reading != null) {
				return Optional.of(reading);
			}
		}
		return Optional.empty();
	}

	private static @Nullable PipelineFailure read(Throwable failure) {
		if (failure instanceof PipelineUnavailableException) {
			return NOT_SENT;
		}
		// before OutcomeUnknownException and KafkaException, which a reply timeout is too
		if (failure instanceof ReplyTimeoutException || failure instanceof KafkaReplyTimeoutException
				|| failure instanceof TimeoutException) {
			return NO_REPLY_IN_TIME;
		}
		if (failure instanceof OutcomeUnknownException || failure instanceof KafkaException
				|| failure instanceof org.apache.kafka.common.KafkaException) {
			return OUTCOME_UNKNOWN;
		}
		return null;
	}

}
