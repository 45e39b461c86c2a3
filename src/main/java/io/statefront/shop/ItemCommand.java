package io.statefront.shop;

/**
 * A message to one item function, on the {@code stock} topic under the item's id.
 *
 * @param requestId the id of the request waiting for the answer; copied into the reply
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param operation what to do
 * @param itemId the item, also the message's key
 * @param amount the stock to add or subtract, or the price of a new item; 0 otherwise
 */
public record ItemCommand(String requestId, String idempotencyKey, ItemOperation operation, String itemId,
		long amount) {

	/** What a repeat under the same idempotency key must also ask to get the first answer. */
	String fingerprint() {
		return operation + ":" + amount;
	}

}
