package io.statefront.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.kafka.EventProducer;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends simulated website traffic to the analytics topic at a rate that can be changed, or the
 * simulator switched off, while it runs. Events are produced by one thread in ticks of 100 ms, so
 * a rate is kept to within a tick whatever it is, and each tick's events leave together: Kafka
 * carries them in one produce request, and wakes each reader of the topic once, where ticks of
 * 10 ms cost the broker, the producer and the jobs' fetchers a round of requests each, about a
 * third of a core at 200 events a second (per-thread CPU, simulator on and off, 2026-12-06).
 */
@Component
public class EventSimulator implements SmartLifecycle {

	public static final int MAX_EVENTS_PER_SECOND = 100_000;

	private static final Logger log = LoggerFactory.getLogger(EventSimulator.class);

	private static final int TICKS_PER_SECOND = 10;

	private static final Duration TOPICS_KNOWN_WITHIN = Duration.ofSeconds(10);

	private final EventProducer kafka;

	private final TrafficModel traffic = new TrafficModel(new SplittableRandom(), System::currentTimeMillis);

	private final AtomicLong sent;

	private final AtomicLong failed;

	private volatile boolean running;

	private volatile int eventsPerSecond;

	private double due;

	private ScheduledExecutorService ticker;

	EventSimulator(EventProducer kafka, SimulatorProperties properties, MeterRegistry meters) {
		this.kafka = kafka;
		this.running = properties.enabled();
		this.eventsPerSecond = properties.eventsPerSecond();
		this.sent = new AtomicLong();
		this.failed = new AtomicLong();
		FunctionCounter.builder("statefront.simulator.events", sent, AtomicLong::get)
			.description("Simulated website events handed to Kafka")
			.tag("outcome", "sent")
			.register(meters);
		FunctionCounter.builder("statefront.simulator.events", failed, AtomicLong::get)
			.description("Simulated website events handed to Kafka")
			.tag("outcome", "failed")
			.register(meters);
	}

	public SimulatorSettings settings() {
		return new SimulatorSettings(running, eventsPerSecond, (int) Math.round(traffic.bouncerShare() * 100));
	}

	public long eventsSent() {
		return sent.get();
	}

	public void apply(SimulatorSettings settings) {
		if (settings.bouncerPercent() != null) {
			traffic.bouncerShare(settings.bouncerPercent() / 100.0);
		}
		eventsPerSecond = settings.eventsPerSecond();
		running = settings.running();
		log.info("Event simulator {} at {} events/s, {} % of new visits bouncing", running ? "running" : "stopped",
				eventsPerSecond, Math.round(traffic.bouncerShare() * 100));
	}

	/**
	 * A simulated product page view is also a product view for the recommendations, as the
	 * storefront's are: the visitors' hidden tastes are what the recommendations learn. It is marked
	 * simulated, so no recommendations are made for a visitor nobody is watching.
	 */
	static Optional<ShopEvent> shopEventOf(WebsiteEvent event) {
		if (event.eventType() != EventType.PAGE_VIEW || event.pageViewData() == null) {
			return Optional.empty();
		}
		return SitePages.productOf(event.pageViewData().url())
			.map(page -> new ShopEvent(event.eventId(), event.key(), ShopEventType.PRODUCT_VIEW,
					page.url().substring(page.url().lastIndexOf('/') + 1), SitePages.CATEGORIES.get(page.category()),
					event.timestamp(), true));
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(task -> new Thread(task, "event-simulator"));
		ticker = started;
		// on the ticker's thread, so the application's start does not wait for it; the ticks are
		// scheduled after it, or a fixed rate would make up for the wait in a burst
		started.execute(() -> {
			kafka.awaitTopics(TOPICS_KNOWN_WITHIN, WebsiteEvent.TOPIC, ShopEvent.TOPIC);
			if (!started.isShutdown()) {
				started.scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
			}
		});
		log.info("Event simulator {} at {} events/s", running ? "running" : "stopped", eventsPerSecond);
	}

	@Override
	public void stop() {
		ticker.shutdownNow();
		ticker = null;
	}

	@Override
	public boolean isRunning() {
		return ticker != null;
	}

	private void tick() {
		if (!running) {
			due = 0;
			return;
		}
		// a tick that came late does not make up for more than a second
		due = Math.min(due + (double) eventsPerSecond / TICKS_PER_SECOND, eventsPerSecond);
		for (; due >= 1; due--) {
			WebsiteEvent event = traffic.next();
			CompletableFuture<Void> handed = kafka.send(WebsiteEvent.TOPIC, event.key(), Json.write(event));
			if (handed.isCompletedExceptionally()) {
				// the broker may be down for a moment: keep ticking, count what could not be sent
				failed.incrementAndGet();
				due = 0;
				return;
			}
			handed.whenComplete((result, failure) -> (failure == null ? sent : failed).incrementAndGet());
			shopEventOf(event).ifPresent(view -> kafka.send(ShopEvent.TOPIC, view.shopperId(), Json.write(view)));
		}
	}

}
