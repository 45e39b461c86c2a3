package io.statefront.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;

/**
 * Waits for a function's answer on behalf of a console page and words what went wrong the way
 * the API's status codes mean it: not sent, or sent with the outcome unknown.
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

	static <T> T await(CompletableFuture<T> answer) throws NoAnswer {
		try {
			return answer.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoAnswer("Interrupted while waiting for the pipeline.");
		}
		catch (TimeoutException ex) {
			throw unknown();
		}
		catch (ExecutionException | CompletionException ex) {
			if (ex.getCause() instanceof PipelineUnavailableException) {
				throw new NoAnswer("The pipeline is not running: nothing was sent, nothing changed. Try again shortly.");
			}
			if (ex.getCause() instanceof OutcomeUnknownException) {
				throw unknown();
			}
			throw new NoAnswer("The pipeline refused the request: " + ex.getCause().getMessage());
		}
	}

	private static NoAnswer unknown() {
		return new NoAnswer("No answer in time: the change may or may not have been applied. "
				+ "Sending the same form again applies it at most once.");
	}

}
