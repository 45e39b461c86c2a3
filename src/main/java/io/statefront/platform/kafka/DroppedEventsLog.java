package io.statefront.platform.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.ProducerListener;

/**
 * Logs the events Kafka did not take as one line a minute at most per topic, where Spring Kafka's
 * default listener logs each at ERROR: through a broker outage visitors and the simulator send
 * hundreds a second, every one already counted by its sender, and a line each would flood the log.
 */
final class DroppedEventsLog implements ProducerListener<String, byte[]> {

	private static final Logger log = LoggerFactory.getLogger(DroppedEventsLog.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** Per topic: when its last line was logged, and how many were dropped since. */
	private final Map<String, Dropped> byTopic = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	DroppedEventsLog() {
		this(System::nanoTime);
	}

	DroppedEventsLog(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	private record Dropped(long loggedAt, long since) {
	}

	@Override
	public void onError(ProducerRecord<String, byte[]> record, @Nullable RecordMetadata metadata,
			Exception exception) {
		byTopic.compute(record.topic(), (topic, dropped) -> {
			long now = nanoTime.getAsLong();
			if (dropped != null && now - dropped.loggedAt() < INTERVAL_NANOS) {
				return new Dropped(dropped.loggedAt(), dropped.since() + 1);
			}
			long count = (dropped != null) ? dropped.since() + 1 : 1;
			log.warn("{} event(s) to topic {} not sent since the last such line, the latest: {} (the next line in a "
					+ "minute at most)", count, topic, exception.toString());
			return new Dropped(now, 0);
		});
	}

}
