package io.statefront.stock;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.BatchInitialised;
import io.statefront.platform.web.BatchSize;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.stock.ItemReplies.CreatedItem;
import io.statefront.stock.ItemReplies.StockAndPrice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.async.DeferredResult;

/** The stock service of the shop API: every call is a command to the item's function in Flink. */
@ApiController("/stock")
@Tag(name = "stock")
class StockController {

	private final StockClient stock;

	StockController(StockClient stock) {
		this.stock = stock;
	}

	@Operation(operationId = "createItem", summary = "Opens an item at this price, with no stock; ids are 0, 1, 2, …")
	@ApiResponse(responseCode = "201", description = "The new item",
			headers = @Header(name = "Location", description = "The new item's path", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = CreatedItem.class)))
	@PostMapping("/item/create/{price}")
	CompletableFuture<ResponseEntity<?>> create(@PathVariable Amount price,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.create(price.value(), key).thenApply(ItemReplies::created);
	}

	@Operation(operationId = "stockBatchInit",
			summary = "Sets items 0…n-1 to this stock and price, creating them; create hands out ids above them")
	@ApiResponse(responseCode = "200", description = "Every one of the items is set",
			content = @Content(schema = @Schema(implementation = BatchInitialised.class)))
	@PostMapping("/batch_init/{n}/{startingStock}/{itemPrice}")
	DeferredResult<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable Count startingStock,
			@PathVariable Amount itemPrice) {
		return BatchInitialised.whenDone(stock.batchInit(n.value(), startingStock.value(), itemPrice.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("stock"))));
	}

	@Operation(operationId = "findItem", summary = "An item's stock and price")
	@ApiResponse(responseCode = "200", description = "The item's stock and price",
			content = @Content(schema = @Schema(implementation = StockAndPrice.class)))
	@ApiResponse(responseCode = "404", description = "No item has this id")
	@GetMapping("/find/{itemId}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId itemId) {
		return stock.send(ItemOperation.FIND, itemId, 0, null).thenApply(ItemReplies::item);
	}

	@Operation(operationId = "addStock", summary = "Adds to an item's stock")
	@ApiResponse(responseCode = "200", description = "The item's new stock and its price",
			content = @Content(schema = @Schema(implementation = StockAndPrice.class)))
	@ApiResponse(responseCode = "404", description = "No item has this id")
	@ApiResponse(responseCode = "409", description = "The stock would pass 9223372036854775807; nothing was added")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/add/{itemId}/{amount}")
	CompletableFuture<ResponseEntity<?>> add(@PathVariable EntityId itemId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.send(ItemOperation.ADD_STOCK, itemId, amount.value(), key).thenApply(ItemReplies::item);
	}

	@Operation(operationId = "subtractStock", summary = "Subtracts from an item's stock")
	@ApiResponse(responseCode = "200", description = "The item's new stock and its price",
			content = @Content(schema = @Schema(implementation = StockAndPrice.class)))
	@ApiResponse(responseCode = "404", description = "No item has this id")
	@ApiResponse(responseCode = "409", description = "The stock would go below zero; nothing was subtracted")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/subtract/{itemId}/{amount}")
	CompletableFuture<ResponseEntity<?>> subtract(@PathVariable EntityId itemId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.send(ItemOperation.SUBTRACT_STOCK, itemId, amount.value(), key).thenApply(ItemReplies::item);
	}

}
