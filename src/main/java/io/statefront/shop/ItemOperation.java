package io.statefront.shop;

/** What a command asks of an item function. */
public enum ItemOperation {

	/** Sent by the create function only, for an id it has just handed out. */
	CREATE, FIND, ADD_STOCK, SUBTRACT_STOCK

}
