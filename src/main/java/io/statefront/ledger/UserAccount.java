package io.statefront.ledger;

/** The state a user function holds for its user. A removed user keeps its id, never reused. */
public record UserAccount(long credit, boolean removed) {

	static UserAccount opened() {
		return new UserAccount(0, false);
	}

}
