package io.statefront.shop;

/** An order function's answer to a waiting request, on {@code order-events}. */
public record OrderResponse(String requestId, OrderResult result) {
}
