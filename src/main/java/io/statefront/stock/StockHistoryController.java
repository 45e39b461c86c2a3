package io.statefront.stock;

import io.statefront.platform.history.EntityHistory;
import io.statefront.platform.history.HistoryResponses;
import io.statefront.platform.history.HistoryResponses.ChangeHistory;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Why an item's stock is what it is: every change of it, from the applied-change log. */
@ApiController("/stock")
@Tag(name = "stock")
class StockHistoryController {

	private final EntityHistory history;

	StockHistoryController(EntityHistory history) {
		this.history = history;
	}

	@Operation(operationId = "stockHistory", summary = "Every change of an item's stock, newest first",
			description = "Each change with the request that made it (its idempotency key, its request id, or the "
					+ "checkout saga's step), its time, the amount and the stock after it, from the applied-change "
					+ "log (kept for statefront.retention.entity-history). A page looks at a bounded part of the log: "
					+ "ask for the next with before=next until complete. An id with no changes has an empty history.")
	@ApiResponse(responseCode = "200", description = "The item's changes, newest first",
			content = @Content(schema = @Schema(implementation = ChangeHistory.class)))
	@ApiResponse(responseCode = "400", description = "A malformed id, limit or cursor")
	@ApiResponse(responseCode = "503", description = "The change log cannot be read just now")
	@GetMapping("/history/{itemId}")
	ResponseEntity<?> history(@PathVariable EntityId itemId,
			@Parameter(description = "the most changes to return, 1 to " + EntityHistory.MOST_CHANGES) @RequestParam(
					defaultValue = HistoryResponses.DEFAULT_LIMIT) Count limit,
			@Parameter(description = "the next of an earlier page, for the changes before it") @RequestParam(
					required = false) @Nullable Count before) {
		return HistoryResponses.page(history, "item", itemId, limit, before);
	}

}
