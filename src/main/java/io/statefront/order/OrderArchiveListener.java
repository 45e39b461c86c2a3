package io.statefront.order;

import java.util.List;

import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Copies each paid order from the {@code order-archive} topic into the {@link OrderArchive}. A
 * record read twice (after a crash, or sent twice by a restored job) is kept once.
 */
@Component
class OrderArchiveListener {

	private final OrderArchive archive;

	OrderArchiveListener(OrderArchive archive) {
		this.archive = archive;
	}

	// its own consumer group, from the start of the topic the first time: the database is then
	// filled with every order the topic still holds (compaction keeps each order's one record)
	// every record a poll returns, written in one transaction: at a thousand checkouts a second one
	// statement and commit per order would cost more than the order's saga
	@KafkaListener(topics = ArchivedOrder.TOPIC, groupId = "statefront-order-archive",
			containerFactory = OrderArchiveConfiguration.LISTENER_FACTORY, batch = "true",
			properties = "auto.offset.reset=earliest")
	void onPaid(List<ConsumerRecord<String, byte[]>> records) {
		archive.keepAll(records.stream()
			.filter(record -> record.value() != null)
			.map(record -> Json.read(record.value(), ArchivedOrder.class))
			.toList());
	}

}
