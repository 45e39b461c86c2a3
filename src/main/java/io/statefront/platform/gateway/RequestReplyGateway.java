package io.statefront.platform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import io.statefront.platform.kafka.Json;
import io.statefront.platform.kafka.ReplyPartitions;
import io.statefront.platform.tracing.FunctionSpans;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;
import org.springframework.stereotype.Component;

/**
 * Sends a command to a Flink function through Kafka and completes when the function's reply
 * arrives, without holding a thread while it waits.
 *
 * <p>Each request carries a fresh request id, which the function copies into its reply and which
 * Spring Kafka's {@link ReplyingKafkaTemplate} matches the reply by. A reply that arrives twice
 * (Flink replays the replies it sent after its last checkpoint when it restores) finds no waiting
 * request the second time and is dropped.
 *
 * <p>Requests wait in the pool of their caller ({@link RequestPool}), each with its own bound and
 * its own threads for what follows a reply: the one thread that receives every reply only hands
 * them over. Every failure reaches the caller the same way, as the returned future's typed cause:
 * {@link PipelineUnavailableException} when nothing was sent, {@link ReplyTimeoutException} when no
 * reply came in time, {@link OutcomeUnknownException} when Kafka failed after taking the request.
 *
 * <p>Traced: the template's observation sends the request's trace context in the command's
 * headers, the functions bring it back in the reply's, and {@link FunctionSpans} records their
 * hops (docs/architecture.md, "Request tracing").
 */
@Component
public class RequestReplyGateway implements DisposableBean {

	static final String REQUEST_ID_HEADER = "statefront_requestId";

	private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

	/**
	 * How many requests of a batch initialisation wait for their replies at once. Each must be
	 * answered within the reply timeout, and the last of a window waits for all before it: 2,000
	 * timed out on a slow day (under 400 answers a second against a 5 s timeout, 2026-12-07). A
	 * window this size needs only 26 answers a second for a 10 s timeout, and still keeps the
	 * pipeline full (a round trip takes tens of milliseconds, so it carries thousands a second).
	 */
	static final int BATCH_WINDOW = 256;

	private final ReplyingKafkaTemplate<String, byte[], byte[]> template;

	private final FlinkRuntime flink;

	private final Duration replyTimeout;

	private final Map<RequestPool, PendingRequests> pools = new EnumMap<>(RequestPool.class);

	private final Timer replyLatency;

	/** The marks of the reply partitions this instance claimed; empty when it listens to all. */
	private final String[] replyPrefixes;

	private final AtomicInteger nextPrefix = new AtomicInteger();

	private final FunctionSpans spans;

	RequestReplyGateway(ReplyingKafkaTemplate<String, byte[], byte[]> template, FlinkRuntime flink,
			GatewayProperties properties, MeterRegistry meters, FunctionSpans spans) {
		this.template = template;
		this.spans = spans;
		this.flink = flink;
		this.replyTimeout = properties.replyTimeout();
		this.replyPrefixes = properties.replyPartitions().stream().map(ReplyPartitions::prefix).toArray(String[]::new);
		for (RequestPool pool : RequestPool.values()) {
			PendingRequests requests = new PendingRequests(pool, properties.maxPending(pool));
			pools.put(pool, requests);
			Gauge.builder("statefront.gateway.pending", requests, PendingRequests::pending)
				.description("Requests waiting for their reply")
				.tag("pool", pool.name().toLowerCase())
				.register(meters);
		}
		this.replyLatency = Timer.builder("statefront.gateway.reply")
			.description("Time from sending a command to receiving its reply")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	/**
	 * A fresh request id, which the function copies into its reply: it names one of this instance's
	 * reply partitions when the instance claimed some (taken in turn), so the reply comes back here.
	 */
	public String newRequestId() {
		String id = UUID.randomUUID().toString();
		if (replyPrefixes.length == 0) {
			return id;
		}
		return replyPrefixes[Math.floorMod(nextPrefix.getAndIncrement(), replyPrefixes.length)] + id;
	}

	/**
	 * Sends {@code command} to {@code topic} under {@code key} and returns its reply, waiting in
	 * {@code pool}. Fails with {@link PipelineUnavailableException} when nothing was sent: {@code job}
	 * is not running, the pool is full, or Kafka did not take the request.
	 */
	public <R> CompletableFuture<R> request(RequestPool pool, String job, String topic, String key, String requestId,
			Object command, Class<R> replyType) {
		if (!flink.isRunning(job)) {
			return CompletableFuture.failedFuture(notRunning(job));
		}
		PendingRequests requests = pools.get(pool);
		if (!requests.tryAcquire()) {
			return CompletableFuture.failedFuture(
					new PipelineUnavailableException(requests.max() + " requests are already waiting for replies"));
		}
		RequestReplyFuture<String, byte[], byte[]> sent;
		Timer.Sample sample = Timer.start();
		// the caller's observation (its request's server span), for what follows the reply: a next
		// request sent from there is a hop of the same trace
		ContextSnapshot caller = CONTEXT.captureAll();
		try {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, Json.write(command));
			record.headers().add(new RecordHeader(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8)));
			sent = template.sendAndReceive(record, replyTimeout);
		}
		catch (RuntimeException ex) {
			requests.release();
			return CompletableFuture
				.failedFuture(new PipelineUnavailableException("Kafka did not take the request: " + ex.getMessage()));
		}
		CompletableFuture<R> answer = new CompletableFuture<>();
		sent.whenComplete((reply, failure) -> {
			sample.stop(replyLatency);
			long arrived = FunctionTrace.nowMicros();
			requests.continuations().execute(() -> {
				requests.release();
				try (ContextSnapshot.Scope scope = caller.setThreadLocals()) {
					if (failure != null) {
						answer.completeExceptionally(new CompletionException(typed(failure)));
						return;
					}
					spans.replied(reply, topic, key, operationOf(command), arrived);
					answer.complete(Json.read(reply.value(), replyType));
				}
				catch (RuntimeException ex) {
					answer.completeExceptionally(new CompletionException(ex));
				}
			});
		});
		return answer;
	}

	private static String operationOf(Object command) {
		return (command instanceof Traced<?> traced) ? traced.operationName() : command.getClass().getSimpleName();
	}

	/**
	 * Sends a message that expects no reply; completes when Kafka has it. For what a batch
	 * initialisation sends beside its requests.
	 */
	public CompletableFuture<Void> send(String job, String topic, String key, Object message) {
		if (!flink.isRunning(job)) {
			return CompletableFuture.failedFuture(notRunning(job));
		}
		try {
			return template.send(new ProducerRecord<>(topic, key, Json.write(message))).handle((sent, failure) -> {
				if (failure != null) {
					throw new CompletionException(
							new OutcomeUnknownException("Kafka failed the message after taking it", failure));
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			return CompletableFuture
				.failedFuture(new PipelineUnavailableException("Kafka did not take the message: " + ex.getMessage()));
		}
	}

	/**
	 * A batch initialisation, waiting in the API's pool: sends {@code reservation} (which keeps the
	 * entities' ids from being handed out), then {@code count} requests, {@value #BATCH_WINDOW}
	 * waiting at once, and completes once every one has been answered.
	 */
	public CompletableFuture<Void> initialiseAll(String job, String reservationTopic, String reservationKey,
			Object reservation, int count, IntFunction<BatchRequest> requests, Class<?> replyType) {
		// the reservation first, so that a create racing the batch is more likely to get an id above
		// it; the requests from another thread, as a send from a Kafka callback could block the
		// producer's own I/O thread
		return send(job, reservationTopic, reservationKey, reservation)
			.thenComposeAsync(sent -> new BatchRequests<>(this, job, count, requests, replyType).send(BATCH_WINDOW),
					pools.get(RequestPool.API).continuations())
			.thenApply(replies -> null);
	}

	/** One request of a batch: where it goes and what it says. */
	public record BatchRequest(String topic, String key, String requestId, Object command) {
	}

	/**
	 * Sends {@code count} requests, at most {@code window} waiting at once, and completes with all
	 * their replies, in order, once every one has come; or with the first failure, sending no more.
	 */
	<R> CompletableFuture<List<R>> requestAll(String job, int count, int window, IntFunction<BatchRequest> requests,
			Class<R> replyType) {
		return new BatchRequests<>(this, job, count, requests, replyType).send(window);
	}

	/** Requests waiting for their replies, in every pool. */
	public int pendingRequests() {
		return pools.values().stream().mapToInt(PendingRequests::pending).sum();
	}

	public int pendingRequests(RequestPool pool) {
		return pools.get(pool).pending();
	}

	public int maxPending(RequestPool pool) {
		return pools.get(pool).max();
	}

	public boolean isListening() {
		var assigned = template.getAssignedReplyTopicPartitions();
		return assigned != null && !assigned.isEmpty();
	}

	public Timer replyLatency() {
		return replyLatency;
	}

	@Override
	public void destroy() {
		pools.values().forEach(PendingRequests::shutdown);
	}

	static byte[] requestId(ProducerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(REQUEST_ID_HEADER);
		if (header == null) {
			throw new IllegalArgumentException("A request needs a " + REQUEST_ID_HEADER + " header");
		}
		return header.value();
	}

	private static PipelineUnavailableException notRunning(String job) {
		return new PipelineUnavailableException("The '" + job + "' job is not running");
	}

	/** What went wrong with a request Kafka took, as the caller's cause. */
	private RuntimeException typed(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof KafkaReplyTimeoutException) {
			return new ReplyTimeoutException("No reply within " + replyTimeout.toMillis() + " ms", cause);
		}
		if (cause instanceof PipelineUnavailableException unavailable) {
			return unavailable;
		}
		if (cause instanceof OutcomeUnknownException unknown) {
			return unknown;
		}
		return new OutcomeUnknownException("Kafka failed the request after taking it", cause);
	}

}
