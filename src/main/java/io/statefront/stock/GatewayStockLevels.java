package io.statefront.stock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.web.EntityId;
import io.statefront.stock.ItemResult.Outcome;
import io.statefront.stock.StockLevels.Level;


/**
 * Stock levels asked of the item functions, all at once: for the items {@link LiveStockLevels}
 * has not heard of. A page waits at most {@value #WAIT_MILLIS} ms: an item that has not answered
 * by then is shown without its level.
 */
class GatewayStockLevels {

	static final long WAIT_MILLIS = 2_000;

	private final StockClient stock;

	GatewayStockLevels(StockClient stock) {
		// asked for the storefront's pages: in its pool
		this.stock = stock.forStorefront();
	}

	CompletableFuture<Map<String, Level>> levels(List<String> itemIds) {
		Map<String, Level> levels = new HashMap<>();
		CompletableFuture<?>[] finds = itemIds.stream()
			.map(id -> find(id).thenAccept(result -> {
				if (result != null && result.outcome() == Outcome.OK) {
					synchronized (levels) {
						levels.put(id, new Level(result.stock(), result.price()));
					}
				}
			}))
			.toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(finds).thenApply(done -> {
			synchronized (levels) {
				return Map.copyOf(levels);
			}
		});
	}

	private CompletableFuture<ItemResult> find(String itemId) {
		// not running, full or slow: no level to show
		return stock.send(ItemOperation.FIND, new EntityId(itemId), 0, null)
			.completeOnTimeout(null, WAIT_MILLIS, TimeUnit.MILLISECONDS)
			.exceptionally(failure -> null);
	}

}
