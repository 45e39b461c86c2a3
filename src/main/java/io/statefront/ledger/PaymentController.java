package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.BatchInitialised;
import io.statefront.platform.web.BatchSize;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import io.statefront.ledger.UserReplies.Account;
import io.statefront.ledger.UserReplies.CreatedUser;
import io.statefront.platform.web.IdempotencyKey;
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

/**
 * The payment service of the shop API: the same users and credit as {@link UserController}, under
 * the paths web-scale data management benchmarks call.
 */
@ApiController("/payment")
@Tag(name = "payment")
class PaymentController {

	private final LedgerClient ledger;

	PaymentController(LedgerClient ledger) {
		this.ledger = ledger;
	}

	@Operation(operationId = "paymentCreateUser", summary = "Opens a user with no credit; ids are 0, 1, 2, …")
	@ApiResponse(responseCode = "201", description = "The new user",
			headers = @Header(name = "Location", description = "The new user's path", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = CreatedUser.class)))
	@PostMapping("/create_user")
	CompletableFuture<ResponseEntity<?>> createUser(
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.create(key).thenApply(UserReplies::created);
	}

	@Operation(operationId = "paymentFindUser", summary = "A user and their credit")
	@ApiResponse(responseCode = "200", description = "The user and their credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@GetMapping("/find_user/{userId}")
	CompletableFuture<ResponseEntity<?>> findUser(@PathVariable EntityId userId) {
		return ledger.send(UserOperation.FIND, userId, 0, null).thenApply(UserReplies::account);
	}

	@Operation(operationId = "paymentAddFunds", summary = "Adds to a user's credit")
	@ApiResponse(responseCode = "200", description = "The user and their new credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@ApiResponse(responseCode = "409", description = "The credit would pass 9223372036854775807; nothing was added")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/add_funds/{userId}/{amount}")
	CompletableFuture<ResponseEntity<?>> addFunds(@PathVariable EntityId userId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.ADD_CREDIT, userId, amount.value(), key).thenApply(UserReplies::account);
	}

	@Operation(operationId = "paymentBatchInit",
			summary = "Sets users 0…n-1 to this credit, creating them; create hands out ids above them")
	@ApiResponse(responseCode = "200", description = "Every one of the users is set",
			content = @Content(schema = @Schema(implementation = BatchInitialised.class)))
	@PostMapping("/batch_init/{n}/{startingMoney}")
	DeferredResult<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable Count startingMoney) {
		return BatchInitialised.whenDone(ledger.batchInit(n.value(), startingMoney.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("users"))));
	}

	@Operation(operationId = "paymentPay", summary = "Subtracts from a user's credit")
	@ApiResponse(responseCode = "200", description = "The user and their new credit",
			content = @Content(schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No user has this id")
	@ApiResponse(responseCode = "409", description = "The credit would go below zero; nothing was subtracted")
	@ApiResponse(responseCode = "422", description = IdempotencyKey.REUSED)
	@PostMapping("/pay/{userId}/{amount}")
	CompletableFuture<ResponseEntity<?>> pay(@PathVariable EntityId userId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.SUBTRACT_CREDIT, userId, amount.value(), key)
			.thenApply(UserReplies::account);
	}

}
