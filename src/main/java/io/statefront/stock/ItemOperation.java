package io.statefront.stock;

/** What a command asks of an item function. */
public enum ItemOperation {

	/** Sent by the create function only, for an id it has just handed out. */
	CREATE, FIND, ADD_STOCK, SUBTRACT_STOCK,

	/** Sets the item's stock and price, opening the item if needed: a batch initialisation. */
	INIT,

	/** A saga step: takes {@code amount} from the stock for the saga, or refuses. */
	TAKE,

	/** A saga's compensation: puts back what the same attempt's {@link #TAKE} took. */
	RETURN

}
