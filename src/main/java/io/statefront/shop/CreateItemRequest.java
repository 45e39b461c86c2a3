package io.statefront.shop;

/** A request for a new item at a price, on the {@code stock-create} topic under one constant key. */
public record CreateItemRequest(String requestId, String idempotencyKey, long price) {
}
