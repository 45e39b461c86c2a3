package io.statefront.stock;

/** An item function's reply on {@code stock-events}, keyed by the request id it answers. */
public record ItemResponse(String requestId, ItemResult result) {
}
