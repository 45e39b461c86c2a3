package io.statefront.storefront;

import java.util.concurrent.CompletableFuture;

import io.statefront.order.OrderClient;
import io.statefront.order.OrderResult;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;

import org.springframework.stereotype.Component;

/** Storefront carts on the order functions, through the orders API's client, in the storefront's pool. */
@Component
class GatewayCarts implements Carts {

	private final OrderClient orders;

	GatewayCarts(OrderClient orders) {
		this.orders = orders.forStorefront();
	}

	@Override
	public CompletableFuture<OrderResult> open(String userId) {
		return orders.create(new EntityId(userId), null);
	}

	@Override
	public CompletableFuture<OrderResult> add(String orderId, String itemId, long quantity, String idempotencyKey) {
		return orders.addItem(new EntityId(orderId), new EntityId(itemId), quantity,
				IdempotencyKey.valueOf(idempotencyKey));
	}

	@Override
	public CompletableFuture<OrderResult> checkout(String orderId, String idempotencyKey) {
		return orders.checkout(new EntityId(orderId), IdempotencyKey.valueOf(idempotencyKey));
	}

	@Override
	public CompletableFuture<OrderResult> find(String orderId) {
		return orders.find(new EntityId(orderId));
	}

}
