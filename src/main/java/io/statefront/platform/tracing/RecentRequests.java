package io.statefront.platform.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.statefront.platform.tracing.TracedRequest.Hop;

/**
 * The latest requests with their hops, kept in the application for the console, with no
 * collector needed: a span processor beside the exporter's, which follows each request from its
 * server span's start to its end and then puts it, with the spans that ended inside it, into a ring
 * of the latest {@link TracingProperties#recentRequests()}. Bounded twice: the ring, and the
 * requests followed at once ({@link TracingProperties#openRequests()}), and the hops kept of each
 * ({@value #MAX_HOPS}).
 */
public final class RecentRequests implements SpanProcessor {

	static final AttributeKey<String> KEY = AttributeKey.stringKey("statefront.key");

	private static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");

	private static final AttributeKey<String> URL = AttributeKey.stringKey("http.url");

	private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

	/** Hops kept of one request: a batch initialisation has thousands, each alike. */
	static final int MAX_HOPS = 64;

	/** Files and the trace page itself: nothing to learn from, and they would push the requests out. */
	private static final List<String> UNFOLLOWED = List.of("/assets/", "/webjars/", "/favicon", "/console/traces");

	/** The requests followed now, by trace id: one at a time per trace (a client may send one trace twice). */
	private final Map<String, Following> open = new ConcurrentHashMap<>();

	private final int maxOpen;

	private final AtomicReferenceArray<TracedRequest> ring;

	private final AtomicLong written = new AtomicLong();

	RecentRequests(TracingProperties properties) {
		this.maxOpen = properties.openRequests();
		this.ring = new AtomicReferenceArray<>(properties.recentRequests());
	}

	/** The {@code count} slowest of the latest requests, slowest first. */
	public List<TracedRequest> slowest(int count) {
		List<TracedRequest> requests = new ArrayList<>(ring.length());
		for (int i = 0; i < ring.length(); i++) {
			TracedRequest request = ring.get(i);
			if (request != null) {
				requests.add(request);
			}
		}
		return requests.stream()
			.sorted(Comparator.comparingLong(TracedRequest::durationNanos).reversed())
			.limit(count)
			.toList();
	}

	/** The latest request of a trace, if it is still among the latest requests. */
	public TracedRequest find(String traceId) {
		TracedRequest latest = null;
		for (int i = 0; i < ring.length(); i++) {
			TracedRequest request = ring.get(i);
			if (request != null && request.traceId().equals(traceId)
					&& (latest == null || request.startNanos() > latest.startNanos())) {
				latest = request;
			}
		}
		return latest;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (span.getKind() == SpanKind.SERVER && !hasLocalParent(span.getParentSpanContext())
				&& open.size() < maxOpen) {
			open.putIfAbsent(span.getSpanContext().getTraceId(), new Following(span.getSpanContext().getSpanId()));
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		SpanContext context = span.getSpanContext();
		Following request = open.get(context.getTraceId());
		if (request == null) {
			return;
		}
		if (request.serverSpanId.equals(context.getSpanId())) {
			open.remove(context.getTraceId());
			finish(span.toSpanData(), request);
		}
		else if (request.count.incrementAndGet() <= MAX_HOPS) {
			request.hops.add(hop(span.toSpanData()));
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		open.clear();
		return CompletableResultCode.ofSuccess();
	}

	private void finish(SpanData server, Following following) {
		String url = server.getAttributes().get(URL);
		String path = (url != null) ? url : server.getName();
		if (UNFOLLOWED.stream().anyMatch(path::startsWith)) {
			return;
		}
		List<Hop> sorted = following.hops.stream().sorted(Comparator.comparingLong(Hop::startNanos)).toList();
		TracedRequest request = new TracedRequest(server.getTraceId(), server.getSpanId(),
				orEmpty(server.getAttributes().get(METHOD)), path, orEmpty(server.getAttributes().get(STATUS)),
				server.getStartEpochNanos(), server.getEndEpochNanos() - server.getStartEpochNanos(), sorted,
				Math.max(0, following.count.get() - MAX_HOPS));
		ring.set((int) Math.floorMod(written.getAndIncrement(), (long) ring.length()), request);
	}

	private static Hop hop(SpanData span) {
		return new Hop(span.getName(), span.getKind().name(), span.getSpanId(), span.getParentSpanId(),
				orEmpty(span.getAttributes().get(KEY)), span.getStartEpochNanos(),
				span.getEndEpochNanos() - span.getStartEpochNanos());
	}

	private static boolean hasLocalParent(SpanContext parent) {
		return parent.isValid() && !parent.isRemote();
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	/** A request between its server span's start and end, and the spans that ended inside it so far. */
	private record Following(String serverSpanId, Queue<Hop> hops, AtomicInteger count) {

		Following(String serverSpanId) {
			this(serverSpanId, new ConcurrentLinkedQueue<>(), new AtomicInteger());
		}

	}

}
