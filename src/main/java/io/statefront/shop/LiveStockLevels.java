package io.statefront.shop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.statefront.platform.kafka.Json;
import io.statefront.shop.storefront.StockLevels;
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
 * instead of asking each item's function; an item it has not heard of yet (its last change is
 * older than the topic) is asked once, and then followed like the others.
 */
@Component
class LiveStockLevels implements StockLevels {

	private static final Logger log = LoggerFactory.getLogger(LiveStockLevels.class);

	private final Map<String, Level> levels = new ConcurrentHashMap<>();

	private final StockLevels askFunctions;

	LiveStockLevels(StockClient stock) {
		this.askFunctions = new GatewayStockLevels(stock);
	}

	@Override
	public CompletableFuture<Map<String, Level>> levels(List<String> itemIds) {
		List<String> unknown = itemIds.stream().filter(id -> !levels.containsKey(id)).toList();
		if (unknown.isEmpty()) {
			return CompletableFuture.completedFuture(known(itemIds));
		}
		return askFunctions.levels(unknown).thenApply(asked -> {
			// a change that arrived meanwhile is newer than the answer
			asked.forEach(levels::putIfAbsent);
			return known(itemIds);
		});
	}

	// assigned, not subscribed: every instance reads the whole topic from its start
	@KafkaListener(id = "stock-levels-view", groupId = "statefront-stock-levels-view",
			topicPartitions = @TopicPartition(topic = StockLevel.TOPIC, partitions = "0-" + (StockTopics.PARTITIONS - 1),
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void onLevel(ConsumerRecord<String, byte[]> record) {
		try {
			StockLevel level = Json.read(record.value(), StockLevel.class);
			levels.put(level.itemId(), new Level(level.stock(), level.price()));
		}
		catch (RuntimeException ex) {
			log.warn("Skipping a record of {} that is not a stock level: {}", record.topic(), ex.getMessage());
		}
	}

	private Map<String, Level> known(List<String> itemIds) {
		Map<String, Level> found = new HashMap<>();
		itemIds.forEach(id -> {
			Level level = levels.get(id);
			if (level != null) {
				found.put(id, level);
			}
		});
		return found;
	}

}
