package io.statefront.platform.saga;

/**
 * Names one step of a saga's attempt: what it asks of which participant. A participant echoes it
 * in its {@link SagaReply} without reading it; the coordinator reads it back typed, with no
 * string to parse.
 *
 * @param kind what the step asks
 * @param participantId the user or item it asks it of
 */
public record StepId(Kind kind, String participantId) {

	/** The steps of this shop's sagas, by what they ask of whom. */
	public enum Kind {

		/** Does the user exist? (read only) */
		USER_EXISTS,
		/** What does the item cost? (read only) */
		ITEM_PRICE,
		/** Take stock of an item. */
		TAKE_STOCK,
		/** Take credit from a user. */
		PAY,
		/** Give back the stock a {@link #TAKE_STOCK} took. */
		RETURN_STOCK,
		/** Give back the credit a {@link #PAY} took. */
		REFUND

	}

	public static StepId userExists(String userId) {
		return new StepId(Kind.USER_EXISTS, userId);
	}

	public static StepId itemPrice(String itemId) {
		return new StepId(Kind.ITEM_PRICE, itemId);
	}

	public static StepId takeStock(String itemId) {
		return new StepId(Kind.TAKE_STOCK, itemId);
	}

	public static StepId pay(String userId) {
		return new StepId(Kind.PAY, userId);
	}

	/** The step that undoes this one, of the same participant. */
	public StepId compensation() {
		return switch (kind) {
			case TAKE_STOCK -> new StepId(Kind.RETURN_STOCK, participantId);
			case PAY -> new StepId(Kind.REFUND, participantId);
			default -> throw new IllegalStateException(kind + " is not undone: it changed nothing");
		};
	}

	/** Whether the participant is a user (otherwise an item). */
	public boolean asksUser() {
		return kind == Kind.USER_EXISTS || kind == Kind.PAY || kind == Kind.REFUND;
	}

	/** Compact, for logs and the applied-change log's message ids: {@code take_stock:3}. */
	@Override
	public String toString() {
		return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + participantId;
	}

}
