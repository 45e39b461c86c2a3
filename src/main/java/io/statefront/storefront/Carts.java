package io.statefront.storefront;

import java.util.concurrent.CompletableFuture;

import io.statefront.order.OrderResult;

/**
 * The order functions as the storefront uses them: a cart is an order not yet paid, and checkout
 * is the order's saga. Each change carries an idempotency key, so a resent form applies once.
 */
public interface Carts {

	CompletableFuture<OrderResult> open(String userId);

	CompletableFuture<OrderResult> add(String orderId, String itemId, long quantity, String idempotencyKey);

	CompletableFuture<OrderResult> checkout(String orderId, String idempotencyKey);

	CompletableFuture<OrderResult> find(String orderId);

}
