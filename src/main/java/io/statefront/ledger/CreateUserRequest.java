package io.statefront.ledger;

/** A request for a new user id, on the {@code users-create} topic under one constant key. */
public record CreateUserRequest(String requestId, String idempotencyKey) {
}
