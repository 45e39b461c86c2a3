package io.statefront.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Copies each paid order from the {@code order-archive} topic into the {@link OrderArchive}, with
 * how far it has read, in one transaction. It joins no consumer group: after a crash a group
 * member would wait for the dead member's session to time out (45 s) before reading again, while
 * the functions may already have forgotten the orders it has yet to copy. It resumes from the
 * position the archive recorded, so a crash between a write and anything Kafka would have
 * committed neither skips an order nor keeps one twice.
 */
class OrderArchiveListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

	private final OrderArchive archive;

	OrderArchiveListener(OrderArchive archive) {
		this.archive = archive;
	}

	/**
	 * Every record a poll returns, written in one transaction: at a thousand checkouts a second one
	 * statement and commit per order would cost more than the order's saga.
	 */
	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		Map<Integer, Long> nextOffsets = new HashMap<>();
		records.forEach(record -> nextOffsets.merge(record.partition(), record.offset() + 1, Math::max));
		archive.keepAll(records.stream()
			.filter(record -> record.value() != null)
			.map(record -> Json.read(record.value(), ArchivedOrder.class))
			.toList(), nextOffsets);
	}

	/** From where the archive has read to; the first time from the start of what the topic holds. */
	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		Map<Integer, Long> read = archive.nextOffsets();
		Collection<TopicPartition> unread = assignments.keySet()
			.stream()
			.filter(partition -> !read.containsKey(partition.partition()))
			.toList();
		assignments.keySet()
			.stream()
			.filter(partition -> read.containsKey(partition.partition()))
			.forEach(partition -> callback.seek(partition.topic(), partition.partition(), read.get(partition.partition())));
		if (!unread.isEmpty()) {
			callback.seekToBeginning(unread);
		}
	}

}
