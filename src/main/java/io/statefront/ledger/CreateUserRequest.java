package io.statefront.ledger;

import org.jspecify.annotations.Nullable;

/**
 * A request for a new user id, on the {@code users-create} topic under one constant key; or, with
 * {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation creates.
 */
public record CreateUserRequest(@Nullable String requestId, @Nullable String idempotencyKey, long reserveIdsBelow) {

	CreateUserRequest(String requestId, @Nullable String idempotencyKey) {
		this(requestId, idempotencyKey, 0);
	}

}
