package io.statefront.order;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Turns an order function's answer into the HTTP response the shop API promises. */
final class OrderReplies {

	private OrderReplies() {
	}

	record CreatedOrder(@JsonProperty("order_id") String orderId) {
	}

	/** Exactly the fields the shop API names for an order; items as {@code [[item_id, quantity], ...]}. */
	record OrderView(@JsonProperty("order_id") String orderId, boolean paid,
			@Schema(description = "[item_id, quantity] of each line, in the order they were added",
					example = "[[\"3\", 2], [\"7\", 1]]") List<List<Object>> items,
			@JsonProperty("user_id") String userId, @JsonProperty("total_cost") long totalCost) {
	}

	/**
	 * A refused create names no order: the id it drew stays unopened for good (the order function
	 * keeps the refusal), so to the client there is no such order.
	 */
	static ResponseEntity<?> created(OrderResult result) {
		if (result.outcome() != OrderResult.Outcome.OK) {
			return refused(result, false);
		}
		return ResponseEntity.created(URI.create("/orders/find/" + result.orderId()))
			.body(new CreatedOrder(result.orderId()));
	}

	static ResponseEntity<?> order(OrderResult result) {
		if (result.outcome() != OrderResult.Outcome.OK) {
			return refused(result, true);
		}
		List<List<Object>> items = result.items()
			.stream()
			.map(line -> List.<Object>of(line.itemId(), line.quantity()))
			.toList();
		return ResponseEntity
			.ok(new OrderView(result.orderId(), result.paid(), items, result.userId(), result.totalCost()));
	}

	private static ResponseEntity<ProblemDetail> refused(OrderResult result, boolean namesOrder) {
		String order = "Order " + result.orderId();
		ProblemDetail problem = switch (result.outcome()) {
			case NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "Order not found",
					"There is no order with id " + result.orderId());
			case USER_NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "User not found",
					"There is no user with id " + result.refusedBy() + "; nothing was changed");
			case ITEM_NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "Item not found",
					"There is no item with id " + result.refusedBy() + "; nothing was changed");
			case ALREADY_PAID -> Problems.problem(HttpStatus.CONFLICT, "Order already paid",
					order + " is paid; nothing was changed");
			case INSUFFICIENT_STOCK -> Problems.problem(HttpStatus.CONFLICT, "Insufficient stock", "Item "
					+ result.refusedBy() + " has " + result.balance() + " in stock, too few for " + order.toLowerCase()
					+ "; nothing was taken or paid");
			case INSUFFICIENT_CREDIT -> Problems.problem(HttpStatus.CONFLICT, "Insufficient credit",
					"User " + result.refusedBy() + " has " + result.balance() + " credit, " + order.toLowerCase()
							+ " costs " + result.totalCost() + "; nothing was taken or paid");
			case COST_LIMIT -> Problems.problem(HttpStatus.CONFLICT, "Cost limit exceeded",
					order + " would cost more than " + Long.MAX_VALUE + "; nothing was added");
			case KEY_REUSED -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
					IdempotencyKey.REUSED);
			case OK -> throw new IllegalArgumentException("not a refusal");
		};
		if (namesOrder) {
			problem.setProperty("order_id", result.orderId());
		}
		switch (result.outcome()) {
			case USER_NOT_FOUND -> problem.setProperty("user_id", result.refusedBy());
			case ITEM_NOT_FOUND -> problem.setProperty("item_id", result.refusedBy());
			case INSUFFICIENT_STOCK -> {
				problem.setProperty("item_id", result.refusedBy());
				problem.setProperty("stock", result.balance());
			}
			case INSUFFICIENT_CREDIT -> {
				problem.setProperty("user_id", result.refusedBy());
				problem.setProperty("credit", result.balance());
			}
			default -> {
			}
		}
		return Problems.response(problem);
	}

}
