package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.EntityId;
import io.statefront.ledger.UserReplies.Account;
import io.statefront.ledger.UserReplies.CreatedUser;
import io.statefront.ledger.UserReplies.RemovedUser;
import io.statefront.platform.web.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The users and credit API. Every call is a command to the user's function in Flink; the
 * response is written when its reply comes back, without a thread waiting for it.
 */
@ApiController("/users")
@Tag(name = "users")
class UserController {

	private final LedgerClient ledger;

	UserController(LedgerClient ledger) {
		this.ledger = ledger;
	}

	@Operation(operationId = "createUser", summary = "Opens a user with no credit; ids are 0, 1, 2, …")
	@ApiResponse(responseCode = "201", description = "The new user",
			headers = @Header(name = "Location", description = "The new user's path", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = CreatedUser.class)))
	@PostMapping("/create")
	CompletableFuture<ResponseEntity<?>> create(
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.create(key).thenApply(UserReplies::created);
	}

	@Operation(operationId = "findUser", summary = "A user and their credit")
	@ApiResponse(responseCode = "200", description = "The user and their credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@GetMapping("/find/{id}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId id) {
		return ledger.send(UserOperation.FIND, id, 0, null).thenApply(UserReplies::account);
	}

	@Operation(operationId = "userCredit", summary = "A user's credit")
	@ApiResponse(responseCode = "200", description = "The user and their credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@GetMapping("/credit/{id}")
	CompletableFuture<ResponseEntity<?>> credit(@PathVariable EntityId id) {
		return find(id);
	}

	@Operation(operationId = "removeUser", summary = "Removes a user")
	@ApiResponse(responseCode = "200", description = "The user is gone",
			content = @Content(schema = @Schema(implementation = RemovedUser.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@DeleteMapping("/remove/{id}")
	CompletableFuture<ResponseEntity<?>> remove(@PathVariable EntityId id,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.REMOVE, id, 0, key).thenApply(UserReplies::removed);
	}

	@Operation(operationId = "addCredit", summary = "Adds to a user's credit")
	@ApiResponse(responseCode = "200", description = "The user and their new credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@ApiResponse(responseCode = "409", description = "The credit would pass 9223372036854775807; nothing was added")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/credit/add/{id}/{amount}")
	CompletableFuture<ResponseEntity<?>> addCredit(@PathVariable EntityId id, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.ADD_CREDIT, id, amount.value(), key).thenApply(UserReplies::account);
	}

	@Operation(operationId = "subtractCredit", summary = "Subtracts from a user's credit")
	@ApiResponse(responseCode = "200", description = "The user and their new credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@ApiResponse(responseCode = "409", description = "The credit would go below zero; nothing was subtracted")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/credit/subtract/{id}/{amount}")
	CompletableFuture<ResponseEntity<?>> subtractCredit(@PathVariable EntityId id, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.SUBTRACT_CREDIT, id, amount.value(), key).thenApply(UserReplies::account);
	}

}
