package io.statefront.order;

/** An order function's answer to a waiting request, on {@code order-events}. */
public record OrderResponse(String requestId, OrderResult result) {
}
