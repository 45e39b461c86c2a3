package io.statefront.ledger;

/** What a command asks of a user function. */
public enum UserOperation {

	/** Sent by the create function only, for an id it has just handed out. */
	CREATE, FIND, ADD_CREDIT, SUBTRACT_CREDIT, REMOVE

}
