package io.statefront.stock;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.BatchInitialised;
import io.statefront.platform.web.BatchSize;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/** The stock service of the shop API: every call is a command to the item's function in Flink. */
@ApiController("/stock")
class StockController {

	private final StockClient stock;

	StockController(StockClient stock) {
		this.stock = stock;
	}

	@PostMapping("/item/create/{price}")
	CompletableFuture<ResponseEntity<?>> create(@PathVariable Amount price,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.create(price.value(), key).thenApply(ItemReplies::created);
	}

	@PostMapping("/batch_init/{n}/{startingStock}/{itemPrice}")
	CompletableFuture<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable Count startingStock,
			@PathVariable Amount itemPrice) {
		return stock.batchInit(n.value(), startingStock.value(), itemPrice.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("stock")));
	}

	@GetMapping("/find/{itemId}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId itemId) {
		return stock.send(ItemOperation.FIND, itemId, 0, null).thenApply(ItemReplies::item);
	}

	@PostMapping("/add/{itemId}/{amount}")
	CompletableFuture<ResponseEntity<?>> add(@PathVariable EntityId itemId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.send(ItemOperation.ADD_STOCK, itemId, amount.value(), key).thenApply(ItemReplies::item);
	}

	@PostMapping("/subtract/{itemId}/{amount}")
	CompletableFuture<ResponseEntity<?>> subtract(@PathVariable EntityId itemId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return stock.send(ItemOperation.SUBTRACT_STOCK, itemId, amount.value(), key).thenApply(ItemReplies::item);
	}

}
