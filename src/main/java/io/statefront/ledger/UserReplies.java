package io.statefront.ledger;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Turns a user function's answer into the HTTP response the API promises. */
final class UserReplies {

	private UserReplies() {
	}

	record CreatedUser(@JsonProperty("user_id") String userId) {
	}

	record Account(@JsonProperty("user_id") String userId, long credit) {
	}

	record RemovedUser(@JsonProperty("user_id") String userId, boolean removed) {
	}

	static ResponseEntity<?> created(UserResult result) {
		if (result.outcome() != UserResult.Outcome.OK) {
			return refused(result);
		}
		return ResponseEntity.created(URI.create("/users/find/" + result.userId()))
			.body(new CreatedUser(result.userId()));
	}

	static ResponseEntity<?> account(UserResult result) {
		if (result.outcome() != UserResult.Outcome.OK) {
			return refused(result);
		}
		return ResponseEntity.ok(new Account(result.userId(), result.credit()));
	}

	static ResponseEntity<?> removed(UserResult result) {
		if (result.outcome() != UserResult.Outcome.OK) {
			return refused(result);
		}
		return ResponseEntity.ok(new RemovedUser(result.userId(), true));
	}

	private static ResponseEntity<ProblemDetail> refused(UserResult result) {
		ProblemDetail problem = switch (result.outcome()) {
			case NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "User not found",
					"There is no user with id " + result.userId());
			case INSUFFICIENT_CREDIT -> Problems.problem(HttpStatus.CONFLICT, "Insufficient credit",
					"User " + result.userId() + " has " + result.credit() + " credit; nothing was subtracted");
			case CREDIT_LIMIT -> Problems.problem(HttpStatus.CONFLICT, "Credit limit exceeded", "User " + result.userId()
					+ " has " + result.credit() + " credit; adding would pass " + Long.MAX_VALUE + ", nothing was added");
			case KEY_REUSED -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
					IdempotencyKey.REUSED);
			case OK -> throw new IllegalArgumentException("not a refusal");
		};
		problem.setProperty("user_id", result.userId());
		if (result.outcome() == UserResult.Outcome.INSUFFICIENT_CREDIT
				|| result.outcome() == UserResult.Outcome.CREDIT_LIMIT) {
			problem.setProperty("credit", result.credit());
		}
		return Problems.response(problem);
	}

}
