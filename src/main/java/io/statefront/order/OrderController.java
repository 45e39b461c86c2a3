package io.statefront.order;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.BatchInitialised;
import io.statefront.platform.web.BatchSize;
import io.statefront.platform.web.EntityId;
import io.statefront.order.OrderReplies.CreatedOrder;
import io.statefront.order.OrderReplies.OrderView;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The order service of the shop API: every call is a message to the order's function in Flink,
 * which asks the item and user functions what it needs and runs the checkout saga.
 */
@ApiController("/orders")
@Tag(name = "orders")
class OrderController {

	private final OrderClient orders;

	OrderController(OrderClient orders) {
		this.orders = orders;
	}

	@Operation(operationId = "createOrder", summary = "Opens an empty order for a user",
			description = "Order ids rise but may skip: an id is drawn before the user is asked, and the id of a "
					+ "create refused for an unknown user stays unopened for good.")
	@ApiResponse(responseCode = "201", description = "The new order",
			headers = @Header(name = "Location", description = "The new order's path", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = CreatedOrder.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id; no order was opened")
	@PostMapping("/create/{userId}")
	CompletableFuture<ResponseEntity<?>> create(@PathVariable EntityId userId,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.create(userId, key).thenApply(OrderReplies::created);
	}

	@Operation(operationId = "findOrder", summary = "An order: its user, items, cost and whether it is paid")
	@ApiResponse(responseCode = "200", description = "The order",
			content = @Content(schema = @Schema(implementation = OrderView.class)))
	@ApiResponse(responseCode = "404", description = "No order has this id")
	@GetMapping("/find/{orderId}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId orderId) {
		return orders.find(orderId).thenApply(OrderReplies::order);
	}

	@Operation(operationId = "addItem", summary = "Adds a quantity of an item to an order, at the item's price")
	@ApiResponse(responseCode = "200", description = "The order, its cost grown by quantity × the item's price",
			content = @Content(schema = @Schema(implementation = OrderView.class)))
	@ApiResponse(responseCode = "404", description = "No order or no item has this id (the problem names which)")
	@ApiResponse(responseCode = "409",
			description = "The order is paid, or its cost would pass 9223372036854775807; nothing was added")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/addItem/{orderId}/{itemId}/{quantity}")
	CompletableFuture<ResponseEntity<?>> addItem(@PathVariable EntityId orderId, @PathVariable EntityId itemId,
			@PathVariable Amount quantity,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.addItem(orderId, itemId, quantity.value(), key).thenApply(OrderReplies::order);
	}

	@Operation(operationId = "checkout",
			summary = "Pays an order: takes each item's quantity from its stock and the total cost from the user")
	@ApiResponse(responseCode = "200", description = "The paid order",
			content = @Content(schema = @Schema(implementation = OrderView.class)))
	@ApiResponse(responseCode = "404",
			description = "No order has this id, or its user or one of its items is gone; nothing was taken")
	@ApiResponse(responseCode = "409", description = "An item has too little stock or the user too little credit "
			+ "(the problem names which, with what it has), or the order is paid; nothing was taken")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/checkout/{orderId}")
	CompletableFuture<ResponseEntity<?>> checkout(@PathVariable EntityId orderId,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return orders.checkout(orderId, key).thenApply(OrderReplies::order);
	}

	@Operation(operationId = "ordersBatchInit", summary = "Sets orders 0…n-1, each unpaid for a random user below "
			+ "nUsers with two random items below nItems at itemPrice each; create hands out ids above them")
	@ApiResponse(responseCode = "200", description = "Every one of the orders is set",
			content = @Content(schema = @Schema(implementation = BatchInitialised.class)))
	@PostMapping("/batch_init/{n}/{nItems}/{nUsers}/{itemPrice}")
	DeferredResult<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable BatchSize nItems,
			@PathVariable BatchSize nUsers, @PathVariable Amount itemPrice) {
		if (itemPrice.value() > Long.MAX_VALUE / 2) {
			ResponseEntity<?> refused = Problems.response(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed request",
					"'itemPrice': two items must cost at most " + Long.MAX_VALUE));
			return BatchInitialised.whenDone(CompletableFuture.completedFuture(refused));
		}
		return BatchInitialised.whenDone(orders.batchInit(n.value(), nItems.value(), nUsers.value(), itemPrice.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("orders"))));
	}

}
