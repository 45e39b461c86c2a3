package io.statefront.ledger;

import java.util.List;

/**
 * What a user function answered: the outcome, and the user's credit after it; for
 * {@link UserOperation#PAID_ORDERS} also the ids of the orders the user has paid for, newest first.
 */
public record UserResult(Outcome outcome, String userId, long credit, List<String> paidOrders) {

	public UserResult(Outcome outcome, String userId, long credit) {
		this(outcome, userId, credit, List.of());
	}

	public enum Outcome {

		OK,
		NOT_FOUND,
		/** Subtracting would take credit below zero; nothing changed. */
		INSUFFICIENT_CREDIT,
		/** Adding would take credit past {@link Long#MAX_VALUE}; nothing changed. */
		CREDIT_LIMIT,
		/** The idempotency key was used before for a different request; nothing changed. */
		KEY_REUSED

	}

	static UserResult ok(String userId, long credit) {
		return new UserResult(Outcome.OK, userId, credit);
	}

	static UserResult refused(Outcome outcome, String userId, long credit) {
		return new UserResult(outcome, userId, credit);
	}

}
