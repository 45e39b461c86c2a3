package io.statefront.platform.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statefront.platform.gateway.RequestReplyGateway.BatchRequest;

/**
 * The requests of one batch initialisation, in the API's pool: sent so that at most a window of
 * them waits at once, each reply sending the next; all their replies, in order, once every one has
 * come, or the first failure, sending no more.
 */
final class BatchRequests<R> {

	private final RequestReplyGateway gateway;

	private final String job;

	private final int count;

	private final IntFunction<BatchRequest> requests;

	private final Class<R> replyType;

	private final CompletableFuture<List<R>> all = new CompletableFuture<>();

	private final AtomicReferenceArray<R> replies;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	BatchRequests(RequestReplyGateway gateway, String job, int count, IntFunction<BatchRequest> requests,
			Class<R> replyType) {
		this.gateway = gateway;
		this.job = job;
		this.count = count;
		this.requests = requests;
		this.replyType = replyType;
		this.replies = new AtomicReferenceArray<>(count);
	}

	CompletableFuture<List<R>> send(int window) {
		for (int i = 0; i < Math.min(window, count); i++) {
			sendNext();
		}
		return all;
	}

	private void sendNext() {
		int index = next.getAndIncrement();
		if (index >= count || all.isDone()) {
			return;
		}
		BatchRequest request = requests.apply(index);
		gateway.request(RequestPool.API, job, request.topic(), request.key(), request.requestId(), request.command(),
				replyType)
			.whenComplete((value, failure) -> {
				if (failure != null) {
					all.completeExceptionally(failed(index, failure));
					return;
				}
				replies.set(index, value);
				if (answered.incrementAndGet() == count) {
					all.complete(IntStream.range(0, count).mapToObj(replies::get).toList());
				}
				else {
					sendNext();
				}
			});
	}

	/** Once part of the batch went out, a request not sent leaves it partly applied, not "nothing sent". */
	private static Throwable failed(int index, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof PipelineUnavailableException && index > 0) {
			return new OutcomeUnknownException("The batch stopped after " + index + " requests", cause);
		}
		return cause;
	}

}
