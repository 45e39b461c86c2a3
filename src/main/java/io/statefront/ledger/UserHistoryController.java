package io.statefront.ledger;

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

/** Why a user's credit is what it is: every change of it, from the applied-change log. */
@ApiController("/users")
@Tag(name = "users")
class UserHistoryController {

	private final EntityHistory history;

	UserHistoryController(EntityHistory history) {
		this.history = history;
	}

	@Operation(operationId = "userHistory", summary = "Every change of a user's credit, newest first",
			description = "Each change with the request that made it (its idempotency key, its request id, or the "
					+ "checkout saga's step), its time, the amount and the credit after it, from the applied-change "
					+ "log (kept for statefront.retention.entity-history). A page looks at a bounded part of the log: "
					+ "ask for the next with before=next until complete. An id with no changes has an empty history.")
	@ApiResponse(responseCode = "200", description = "The user's changes, newest first",
			content = @Content(schema = @Schema(implementation = ChangeHistory.class)))
	@ApiResponse(responseCode = "400", description = "A malformed id, limit or cursor")
	@ApiResponse(responseCode = "503", description = "The change log cannot be read just now")
	@GetMapping("/history/{id}")
	ResponseEntity<?> history(@PathVariable EntityId id,
			@Parameter(description = "the most changes to return, 1 to " + EntityHistory.MOST_CHANGES) @RequestParam(
					defaultValue = HistoryResponses.DEFAULT_LIMIT) Count limit,
			@Parameter(description = "the next of an earlier page, for the changes before it") @RequestParam(
					required = false) @Nullable Count before) {
		return HistoryResponses.page(history, "user", id, limit, before);
	}

}
