package io.statefront.support.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import io.statefront.support.Api;
import org.jspecify.annotations.Nullable;

/**
 * Every attempt of every client operation of a run, recorded by the clients themselves as they
 * make it, in the style of a Jepsen history. Thread-safe.
 */
public final class History {

	private final ConcurrentLinkedQueue<Operation> attempts = new ConcurrentLinkedQueue<>();

	/**
	 * Sends a request through {@code api} and records the attempt: its status ({@link Outcome#NO_ANSWER}
	 * when the connection failed) and, from a 200, the balance in the answer's {@code valueField}.
	 */
	public Operation send(Api api, String method, String path, @Nullable String key, String entity, long delta,
			String valueField) {
		return sendAsync(api, method, path, key, entity, delta, valueField).join();
	}

	/** {@link #send} without waiting for the answer: for many requests in flight at once. */
	public CompletableFuture<Operation> sendAsync(Api api, String method, String path, @Nullable String key,
			String entity, long delta, String valueField) {
		long invoked = System.nanoTime();
		CompletableFuture<Api.Response> call;
		try {
			call = api.call(method, path, (key != null) ? Map.of("Idempotency-Key", key) : Map.of());
		}
		catch (RuntimeException notSent) {
			call = CompletableFuture.failedFuture(notSent);
		}
		return call.handle((response, connectionLost) -> {
			int status = (response != null) ? response.status() : Outcome.NO_ANSWER;
			Long value = (status == 200 && response.json().has(valueField)) ? response.number(valueField) : null;
			Operation attempt = new Operation(key, entity, delta, invoked, System.nanoTime(), status, value);
			attempts.add(attempt);
			return attempt;
		});
	}

	/** Records an attempt made some other way. */
	void add(Operation attempt) {
		attempts.add(attempt);
	}

	public List<Operation> attempts() {
		return List.copyOf(attempts);
	}

	/** The attempts of each keyed operation (reads have none), in the order they were recorded. */
	public Map<String, List<Operation>> byKey() {
		return attempts.stream()
			.filter(attempt -> !attempt.read())
			.collect(Collectors.groupingBy(Operation::key, LinkedHashMap::new, Collectors.toList()));
	}

	/** The first attempt of each keyed operation whose outcome no attempt has learned yet. */
	public List<Operation> unresolved() {
		return byKey().values()
			.stream()
			.filter(attempts -> outcome(attempts) == Outcome.UNKNOWN)
			.map(attempts -> attempts.get(0))
			.toList();
	}

	/**
	 * The outcome of an operation from all its attempts: the pipeline's answer (2xx or 4xx) if one
	 * got it; otherwise unknown if an attempt may have gone through (504, no answer); otherwise
	 * (every attempt refused with 503, nothing sent) failed.
	 */
	public static Outcome outcome(List<Operation> attempts) {
		return answers(attempts).stream()
			.findFirst()
			.map(Operation::outcome)
			.orElse(attempts.stream().anyMatch(attempt -> attempt.outcome() == Outcome.UNKNOWN) ? Outcome.UNKNOWN
					: Outcome.FAILED);
	}

	/** The attempts the pipeline answered (2xx or 4xx): a 503 sent nothing, so it answers nothing. */
	public static List<Operation> answers(List<Operation> attempts) {
		return attempts.stream()
			.filter(attempt -> attempt.outcome() != Outcome.UNKNOWN && attempt.status() != 503)
			.toList();
	}

}
