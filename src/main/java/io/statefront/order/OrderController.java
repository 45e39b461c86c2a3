package io.statefront.order;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.BatchInitialised;
import io.statefront.platform.web.BatchSize;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.platform.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The order service of the shop API: every call is a message to the order's function in Flink,
 * which asks the item and user functions what it needs and runs the checkout saga.
 */
@ApiController("/orders")
class OrderController {

	private final OrderClient orders;

	OrderController(OrderClient orders) {
		this.orders = orders;
	}

	@PostMapping("/create/{userId}")
	CompletableFuture<ResponseEntity<?>> create(@PathVariable EntityId userId,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.create(userId, key).thenApply(OrderReplies::created);
	}

	@GetMapping("/find/{orderId}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId orderId) {
		return orders.find(orderId).thenApply(OrderReplies::order);
	}

	@PostMapping("/addItem/{orderId}/{itemId}/{quantity}")
	CompletableFuture<ResponseEntity<?>> addItem(@PathVariable EntityId orderId, @PathVariable EntityId itemId,
			@PathVariable Amount quantity,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.addItem(orderId, itemId, quantity.value(), key).thenApply(OrderReplies::order);
	}

	@PostMapping("/checkout/{orderId}")
	CompletableFuture<ResponseEntity<?>> checkout(@PathVariable EntityId orderId,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.checkout(orderId, key).thenApply(OrderReplies::order);
	}

	@PostMapping("/batch_init/{n}/{nItems}/{nUsers}/{itemPrice}")
	CompletableFuture<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable BatchSize nItems,
			@PathVariable BatchSize nUsers, @PathVariable Amount itemPrice) {
		if (itemPrice.value() > Long.MAX_VALUE / 2) {
			return CompletableFuture.completedFuture(Problems.response(Problems.problem(HttpStatus.BAD_REQUEST,
					"Malformed request", "'itemPrice': two items must cost at most " + Long.MAX_VALUE)));
		}
		return orders.batchInit(n.value(), nItems.value(), nUsers.value(), itemPrice.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("orders")));
	}

}
