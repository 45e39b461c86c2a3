package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.web.Amount;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
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
class UserController {

	private final LedgerClient ledger;

	UserController(LedgerClient ledger) {
		this.ledger = ledger;
	}

	@PostMapping("/create")
	CompletableFuture<ResponseEntity<?>> create(
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.create(key).thenApply(UserReplies::created);
	}

	@GetMapping("/find/{id}")
	CompletableFuture<ResponseEntity<?>> find(@PathVariable EntityId id) {
		return ledger.send(UserOperation.FIND, id, 0, null).thenApply(UserReplies::account);
	}

	@GetMapping("/credit/{id}")
	CompletableFuture<ResponseEntity<?>> credit(@PathVariable EntityId id) {
		return find(id);
	}

	@DeleteMapping("/remove/{id}")
	CompletableFuture<ResponseEntity<?>> remove(@PathVariable EntityId id,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.REMOVE, id, 0, key).thenApply(UserReplies::removed);
	}

	@PostMapping("/credit/add/{id}/{amount}")
	CompletableFuture<ResponseEntity<?>> addCredit(@PathVariable EntityId id, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.ADD_CREDIT, id, amount.value(), key).thenApply(UserReplies::account);
	}

	@PostMapping("/credit/subtract/{id}/{amount}")
	CompletableFuture<ResponseEntity<?>> subtractCredit(@PathVariable EntityId id, @PathVariable Amount amount,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable IdempotencyKey key) {
		return ledger.send(UserOperation.SUBTRACT_CREDIT, id, amount.value(), key).thenApply(UserReplies::account);
	}

}
