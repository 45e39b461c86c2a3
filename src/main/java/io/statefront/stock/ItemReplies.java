package io.statefront.stock;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Turns an item function's answer into the HTTP response the shop API promises. */
final class ItemReplies {

	private ItemReplies() {
	}

	record CreatedItem(@JsonProperty("item_id") String itemId) {
	}

	/** Exactly the fields the shop API names for an item. */
	record StockAndPrice(long stock, long price) {
	}

	static ResponseEntity<?> created(ItemResult result) {
		if (result.outcome() != ItemResult.Outcome.OK) {
			return refused(result);
		}
		return ResponseEntity.created(URI.create("/stock/find/" + result.itemId()))
			.body(new CreatedItem(result.itemId()));
	}

	static ResponseEntity<?> item(ItemResult result) {
		if (result.outcome() != ItemResult.Outcome.OK) {
			return refused(result);
		}
		return ResponseEntity.ok(new StockAndPrice(result.stock(), result.price()));
	}

	private static ResponseEntity<ProblemDetail> refused(ItemResult result) {
		ProblemDetail problem = switch (result.outcome()) {
			case NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "Item not found",
					"There is no item with id " + result.itemId());
			case INSUFFICIENT_STOCK -> Problems.problem(HttpStatus.CONFLICT, "Insufficient stock",
					"Item " + result.itemId() + " has " + result.stock() + " in stock; nothing was subtracted");
			case STOCK_LIMIT -> Problems.problem(HttpStatus.CONFLICT, "Stock limit exceeded", "Item " + result.itemId()
					+ " has " + result.stock() + " in stock; adding would pass " + Long.MAX_VALUE + ", nothing was added");
			case KEY_REUSED -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
					IdempotencyKey.REUSED);
			case OK -> throw new IllegalArgumentException("not a refusal");
		};
		problem.setProperty("item_id", result.itemId());
		if (result.outcome() == ItemResult.Outcome.INSUFFICIENT_STOCK
				|| result.outcome() == ItemResult.Outcome.STOCK_LIMIT) {
			problem.setProperty("stock", result.stock());
		}
		return Problems.response(problem);
	}

}
