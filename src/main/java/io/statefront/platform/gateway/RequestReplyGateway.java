package io.statefront.platform.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command to a Flink function through Kafka and completes when the function's reply
 * arrives, without holding a thread while it waits.
 *
 * <p>Each request carries a fresh request id, which the function copies into its reply and which
 * Spring Kafka's {@link ReplyingKafkaTemplate} matches the reply by. A reply that arrives twice
 * (Flink replays the replies it sent after its last checkpoint when it restores) finds no waiting
 * request the second time and is dropped.
 */
@Component
public class RequestReplyGateway {

	static final String REQUEST_ID_HEADER = "statefront_requestId";

	/** How many requests of a batch initialisation wait for their replies at once. */
	static final int BATCH_WINDOW = 2000;

	private final ReplyingKafkaTemplate<String, byte[], byte[]> template;

	private final FlinkRuntime flink;

	private final Duration replyTimeout;

	private final int maxPending;

	private final Semaphore pending;

	private final Timer replyLatency;

	RequestReplyGateway(ReplyingKafkaTemplate<String, byte[], byte[]> template, FlinkRuntime flink,
			GatewayProperties properties, MeterRegistry meters) {
		this.template = template;
		this.flink = flink;
		this.replyTimeout = properties.replyTimeout();
		this.maxPending = properties.maxPending();
		this.pending = new Semaphore(maxPending);
		this.replyLatency = Timer.builder("statefront.gateway.reply")
			.description("Time from sending a command to receiving its reply")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		Gauge.builder("statefront.gateway.pending", this, RequestReplyGateway::pendingRequests)
			.description("Requests waiting for their reply")
			.register(meters);
	}

	public static String newRequestId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Sends {@code command} to {@code topic} under {@code key} and returns its reply.
	 * @throws PipelineUnavailableException when nothing was sent: {@code job} is not running or
	 * too many requests are waiting
	 */
	public <R> CompletableFuture<R> request(String job, String topic, String key, String requestId, Object command,
			Class<R> replyType) {
		if (!flink.isRunning(job)) {
			throw new PipelineUnavailableException("The '" + job + "' job is not running");
		}
		if (!pending.tryAcquire()) {
			throw new PipelineUnavailableException(maxPending + " requests are already waiting for replies");
		}
		try {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, Json.write(command));
			record.headers().add(new RecordHeader(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8)));
			Timer.Sample sample = Timer.start();
			return template.sendAndReceive(record, replyTimeout)
				.whenComplete((reply, failure) -> {
					pending.release();
					sample.stop(replyLatency);
				})
				.thenApply(reply -> Json.read(reply.value(), replyType));
		}
		catch (RuntimeException ex) {
			pending.release();
			throw new PipelineUnavailableException("Kafka did not take the request: " + ex.getMessage());
		}
	}

	/**
	 * Sends a message that expects no reply; completes when Kafka has it. For what a batch
	 * initialisation sends beside its requests.
	 */
	public CompletableFuture<Void> send(String job, String topic, String key, Object message) {
		if (!flink.isRunning(job)) {
			throw new PipelineUnavailableException("The '" + job + "' job is not running");
		}
		try {
			return template.send(new ProducerRecord<>(topic, key, Json.write(message)))
				.<Void>thenApply(sent -> null)
				.exceptionally(failure -> {
					throw new OutcomeUnknownException("Kafka failed the message after taking it", failure);
				});
		}
		catch (RuntimeException ex) {
			throw new PipelineUnavailableException("Kafka did not take the message: " + ex.getMessage());
		}
	}

	/**
	 * A batch initialisation: sends {@code reservation} (which keeps the entities' ids from being
	 * handed out), then {@code count} requests, {@value #BATCH_WINDOW} waiting at once, and
	 * completes once every one has been answered.
	 */
	public CompletableFuture<Void> initialiseAll(String job, String reservationTopic, String reservationKey,
			Object reservation, int count, IntFunction<BatchRequest> requests, Class<?> replyType) {
		// the reservation first, so that a create racing the batch is more likely to get an id above
		// it; the requests from another thread, as a send from a Kafka callback could block the
		// producer's own I/O thread
		return send(job, reservationTopic, reservationKey, reservation)
			.thenComposeAsync(sent -> requestAll(job, count, BATCH_WINDOW, requests, replyType))
			.thenApply(replies -> null);
	}

	/** One request of a batch: where it goes and what it says. */
	public record BatchRequest(String topic, String key, String requestId, Object command) {
	}

	/**
	 * Sends {@code count} requests, at most {@code window} waiting at once, and completes with all
	 * their replies, in order, once every one has come; or with the first failure, sending no more.
	 */
	<R> CompletableFuture<List<R>> requestAll(String job, int count, int window,
			IntFunction<BatchRequest> requests, Class<R> replyType) {
		CompletableFuture<List<R>> all = new CompletableFuture<>();
		AtomicReferenceArray<R> replies = new AtomicReferenceArray<>(count);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		Runnable sendNext = new Runnable() {
			@Override
			public void run() {
				int index = next.getAndIncrement();
				if (index >= count || all.isDone()) {
					return;
				}
				BatchRequest request = requests.apply(index);
				CompletableFuture<R> reply;
				try {
					reply = request(job, request.topic(), request.key(), request.requestId(), request.command(),
							replyType);
				}
				catch (RuntimeException ex) {
					// once part of the batch went out, its outcome is partly applied, not "nothing sent"
					all.completeExceptionally((index == 0) ? ex
							: new OutcomeUnknownException("The batch stopped after " + index + " requests", ex));
					return;
				}
				reply.whenComplete((value, failure) -> {
					if (failure != null) {
						all.completeExceptionally(failure);
						return;
					}
					replies.set(index, value);
					if (answered.incrementAndGet() == count) {
						all.complete(IntStream.range(0, count).mapToObj(replies::get).toList());
					}
					else {
						run();
					}
				});
			}
		};
		for (int i = 0; i < Math.min(window, count); i++) {
			sendNext.run();
		}
		return all;
	}

	public int pendingRequests() {
		return maxPending - pending.availablePermits();
	}

	public int maxPending() {
		return maxPending;
	}

	public boolean isListening() {
		var assigned = template.getAssignedReplyTopicPartitions();
		return assigned != null && !assigned.isEmpty();
	}

	public Timer replyLatency() {
		return replyLatency;
	}

	static byte[] requestId(ProducerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(REQUEST_ID_HEADER);
		if (header == null) {
			throw new IllegalArgumentException("A request needs a " + REQUEST_ID_HEADER + " header");
		}
		return header.value();
	}

}
