package io.statefront.ledger;

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

/**
 * The payment service of the shop API: the same users and credit as {@link UserController}, under
 * the paths web-scale data management benchmarks call.
 */
@ApiController("/payment")
class PaymentController {

	private final LedgerClient ledger;

	PaymentController(LedgerClient ledger) {
		this.ledger = ledger;
	}

	@PostMapping("/create_user")
	CompletableFuture<ResponseEntity<?>> createUser(
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.create(key).thenApply(UserReplies::created);
	}

	@GetMapping("/find_user/{userId}")
	CompletableFuture<ResponseEntity<?>> findUser(@PathVariable EntityId userId) {
		return ledger.send(UserOperation.FIND, userId, 0, null).thenApply(UserReplies::account);
	}

	@PostMapping("/add_funds/{userId}/{amount}")
	CompletableFuture<ResponseEntity<?>> addFunds(@PathVariable EntityId userId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.ADD_CREDIT, userId, amount.value(), key).thenApply(UserReplies::account);
	}

	@PostMapping("/batch_init/{n}/{startingMoney}")
	CompletableFuture<ResponseEntity<?>> batchInit(@PathVariable BatchSize n, @PathVariable Count startingMoney) {
		return ledger.batchInit(n.value(), startingMoney.value())
			.thenApply(done -> ResponseEntity.ok(BatchInitialised.of("users")));
	}

	@PostMapping("/pay/{userId}/{amount}")
	CompletableFuture<ResponseEntity<?>> pay(@PathVariable EntityId userId, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.SUBTRACT_CREDIT, userId, amount.value(), key)
			.thenApply(UserReplies::account);
	}

}
