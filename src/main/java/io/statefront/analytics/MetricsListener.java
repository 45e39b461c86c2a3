package io.statefront.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes every metric result and alert the analytics job emits: pushes it to STOMP subscribers at
 * once ({@value #METRICS_DESTINATION}, {@value #ALERTS_DESTINATION}) and keeps metrics in the
 * history store.
 */
@Component
class MetricsListener {

	static final String METRICS_DESTINATION = "/topic/metrics";

	static final String ALERTS_DESTINATION = "/topic/alerts";

	private static final Logger log = LoggerFactory.getLogger(MetricsListener.class);

	private final MetricsStore store;

	private final SimpMessagingTemplate stomp;

	private final Counter results;

	private final Counter alerts;

	MetricsListener(MetricsStore store, SimpMessagingTemplate stomp, MeterRegistry meters) {
		this.store = store;
		this.stomp = stomp;
		this.results = Counter.builder("statefront.analytics.results")
			.description("Metric results received from the analytics job")
			.register(meters);
		this.alerts = Counter.builder("statefront.analytics.alerts")
			.description("Alerts received from the analytics job")
			.register(meters);
	}

	@KafkaListener(id = "metrics-listener", groupId = "statefront-metrics", topics = MetricResult.TOPIC,
			properties = "auto.offset.reset=latest")
	void onResult(ConsumerRecord<String, byte[]> record) {
		MetricResult result = read(record, MetricResult.class);
		if (result != null) {
			stomp.convertAndSend(METRICS_DESTINATION, result);
			store.write(result);
			results.increment();
		}
	}

	@KafkaListener(id = "alerts-listener", groupId = "statefront-alerts", topics = Alert.TOPIC,
			properties = "auto.offset.reset=latest")
	void onAlert(ConsumerRecord<String, byte[]> record) {
		Alert alert = read(record, Alert.class);
		if (alert != null) {
			stomp.convertAndSend(ALERTS_DESTINATION, alert);
			alerts.increment();
		}
	}

	private static <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
		try {
			return Json.read(record.value(), type);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping a record of {} that is not a {}: {}", record.topic(), type.getSimpleName(),
					ex.getMessage());
			return null;
		}
	}

}
