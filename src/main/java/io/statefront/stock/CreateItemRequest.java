package io.statefront.stock;

import org.jspecify.annotations.Nullable;

/**
 * A request for a new item at a price, on the {@code stock-create} topic under one constant key;
 * or, with {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation
 * creates.
 */
public record CreateItemRequest(@Nullable String requestId, @Nullable String idempotencyKey, long price,
		long reserveIdsBelow) {
}
