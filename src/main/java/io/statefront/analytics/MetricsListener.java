package io.statefront.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes every result the analytics job emits and keeps it in the metrics store. */
@Component
class MetricsListener {

	private static final Logger log = LoggerFactory.getLogger(MetricsListener.class);

	private final MetricsStore store;

	private final Counter results;

	MetricsListener(MetricsStore store, MeterRegistry meters) {
		this.store = store;
		this.results = Counter.builder("statefront.analytics.results")
			.description("Metric results received from the analytics job")
			.register(meters);
	}

	@KafkaListener(id = "metrics-listener", groupId = "statefront-metrics", topics = MetricResult.TOPIC,
			properties = "auto.offset.reset=latest")
	void onResult(ConsumerRecord<String, byte[]> record) {
		try {
			store.write(Json.read(record.value(), MetricResult.class));
			results.increment();
		}
		catch (RuntimeException ex) {
			log.warn("Skipping a record that is not a metric result: {}", ex.getMessage());
		}
	}

}
