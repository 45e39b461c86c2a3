package io.statefront.ledger;

/** What a command asks of a user function. */
public enum UserOperation {

	/** Sent by the create function only, for an id it has just handed out. */
	CREATE, FIND, ADD_CREDIT, SUBTRACT_CREDIT, REMOVE,

	/** Reads the credit and the orders the user has paid for (the storefront's order history). */
	PAID_ORDERS,

	/** Sets the user's credit, opening the user if needed: a batch initialisation. */
	INIT,

	/** A saga step: takes {@code amount} from the credit for the saga, or refuses. */
	PAY,

	/** A saga's compensation: gives back what the same attempt's {@link #PAY} took. */
	REFUND

}
