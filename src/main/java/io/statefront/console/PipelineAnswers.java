package io.statefront.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.statefront.platform.web.PipelineFailure;

/**
 * Sends a request to the functions on behalf of a console page, waits for the answer, and words
 * what went wrong the way the API's status codes mean it: not sent, or sent with the outcome
 * unknown (as {@link PipelineFailure} reads the failure).
 */
final class PipelineAnswers {

	/** The pipeline did not answer; the message says whether anything may have changed. */
	static final class NoAnswer extends Exception {

		NoAnswer(String message) {
			super(message);
		}

	}

	private PipelineAnswers() {
	}

	/**
	 * The answer to the request {@code send} makes: a request the gateway refuses before sending
	 * (a stopped job) is a page's message like one that failed after, never an exception that
	 * leaves the console.
	 */
	static <T> T await(Supplier<CompletableFuture<T>> send) throws NoAnswer {
		try {
			return send.get().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoAnswer("Interrupted while waiting for the pipeline.");
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			// a failure of something else still came after the request may have left: its outcome is unknown too
			throw new NoAnswer(wording(PipelineFailure.of(ex).orElse(PipelineFailure.OUTCOME_UNKNOWN)));
		}
	}

	private static String wording(PipelineFailure failure) {
		return switch (failure) {
			case NOT_SENT -> "The pipeline is not taking requests just now: nothing was sent, nothing changed. "
					+ "Try again shortly.";
			case NO_REPLY_IN_TIME -> "No answer in time: the change may or may not have been applied. "
					+ "Sending the same form again applies it at most once.";
			case OUTCOME_UNKNOWN -> "The pipeline failed after taking the request: the change may or may not have "
					+ "been applied. Sending the same form again applies it at most once.";
		};
	}

}
