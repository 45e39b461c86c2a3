package io.statefront.stock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.statefront.platform.kafka.BatchedFetches;
import io.statefront.platform.kafka.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The live stock and price of every item, as the item functions publish them on
 * {@value StockLevel#TOPIC}: read from the topic's start when the application starts, then kept
 * current as each change arrives (milliseconds after the function made it). Pages read this view
 * without waiting, instead of asking each item's function; an item it has not heard of yet (its
 * last change is older than the topic) is asked in the background, then followed like the others.
 */
@Component
class LiveStockLevels implements StockLevels {

	private static final Logger log = LoggerFactory.getLogger(LiveStockLevels.class);

	private final Map<String, Level> levels = new ConcurrentHashMap<>();

	static final long ASK_AGAIN_MILLIS = 5_000;

	private final Map<String, Long> asked = new ConcurrentHashMap<>();

	private final GatewayStockLevels functions;

	LiveStockLevels(StockClient stock) {
		this.functions = new GatewayStockLevels(stock);
	}

	@Override
	public Map<String, Level> levels(List<String> itemIds) {
		Map<String, Level> found = new HashMap<>();
		List<String> unknown = new ArrayList<>();
		itemIds.forEach(id -> {
			Level level = levels.get(id);
			if (level != null) {
				found.put(id, level);
			}
			else {
				unknown.add(id);
			}
		});
		if (!unknown.isEmpty()) {
			askFunctions(unknown);
		}
		return found;
	}

	/**
	 * Asks the functions of items the view has not heard of, in the background, for the next page
	 * that shows them; not more than once every {@value #ASK_AGAIN_MILLIS} ms per item, as an item
	 * that does not exist is never heard of.
	 */
	private void askFunctions(List<String> itemIds) {
		long now = System.currentTimeMillis();
		List<String> due = itemIds.stream()
			.filter(id -> asked.compute(id, (key, last) -> (last == null || now - last >= ASK_AGAIN_MILLIS) ? now
					: last) == now)
			.toList();
		if (!due.isEmpty()) {
			// a change that arrives meanwhile is newer than the answer
			functions.levels(due).thenAccept(answered -> answered.forEach(levels::putIfAbsent));
		}
	}

	// assigned, not subscribed: every instance reads the whole topic from its start; a page may show
	// a level a fraction of a second old, so the view reads in batches
	@KafkaListener(id = "stock-levels-view", groupId = "statefront-stock-levels-view",
			topicPartitions = @TopicPartition(topic = StockLevel.TOPIC, partitions = "0-" + (StockTopics.PARTITIONS - 1),
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")),
			properties = { BatchedFetches.MAX_WAIT_PROPERTY, BatchedFetches.MIN_BYTES_PROPERTY })
	void onLevel(ConsumerRecord<String, byte[]> record) {
		try {
			StockLevel level = Json.read(record.value(), StockLevel.class);
			levels.put(level.itemId(), new Level(level.stock(), level.price()));
		}
		catch (RuntimeException ex) {
			log.warn("Skipping a record of {} that is not a stock level: {}", record.topic(), ex.getMessage());
		}
	}

}
