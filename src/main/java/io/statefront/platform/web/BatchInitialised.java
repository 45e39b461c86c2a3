package io.statefront.platform.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/** The body the shop API answers a completed batch initialisation with. */
public record BatchInitialised(String msg) {

	/**
	 * How long a batch initialisation's client may wait for its answer. Far longer than an API
	 * request's ({@code spring.mvc.async.request-timeout}, 60 s): a shop of 100,000 users took 70 s
	 * to set on a slow day (2026-12-07), and the largest batch is ten times that. The batch ends by
	 * itself (each of its requests has the reply timeout, and the first to fail stops it), so this
	 * bound only caps the client's wait: a batch still going then answers 504, outcome unknown, as
	 * any request whose answer did not come.
	 */
	static final Duration LONGEST_WAIT = Duration.ofHours(1);

	public static BatchInitialised of(String entities) {
		return new BatchInitialised("Batch init for " + entities + " successful");
	}

	/** The answer to a batch initialisation once it has ended, failures answered as any API request's. */
	public static DeferredResult<ResponseEntity<?>> whenDone(CompletableFuture<ResponseEntity<?>> batch) {
		DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(LONGEST_WAIT.toMillis());
		batch.whenComplete((response, failure) -> {
			if (failure != null) {
				answer.setErrorResult((failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure);
			}
			else {
				answer.setResult(response);
			}
		});
		return answer;
	}

}
