package io.statefront.shop;

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
	@KafkaListener(topics = ArchivedOrder.TOPIC, groupId = "statefront-order-archive",
			containerFactory = OrderArchiveConfiguration.LISTENER_FACTORY,
			properties = "auto.offset.reset=earliest")
	void onPaid(ConsumerRecord<String, byte[]> record) {
		if (record.value() != null) {
			archive.keep(Json.read(record.value(), ArchivedOrder.class));
		}
	}

}
