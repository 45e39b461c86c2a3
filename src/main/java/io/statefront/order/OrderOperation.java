package io.statefront.order;

/** What a message asks of an order function. */
public enum OrderOperation {

	/** Sent by the create function only, for an id it has just handed out. */
	CREATE, FIND, ADD_ITEM, CHECKOUT,

	/** Sets the order's user, items and cost, unpaid: a batch initialisation. */
	INIT

}
