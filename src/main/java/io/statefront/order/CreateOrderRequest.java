package io.statefront.order;

import org.jspecify.annotations.Nullable;

/**
 * A request for a new order of a user, on the {@code orders-create} topic under one constant key;
 * or, with {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation
 * creates.
 */
public record CreateOrderRequest(@Nullable String requestId, @Nullable String idempotencyKey,
		@Nullable String userId, long reserveIdsBelow) {
}
