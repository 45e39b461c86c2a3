package io.statefront.ledger;

/**
 * A message to one user function, on the {@code users} topic under the user's id.
 *
 * @param requestId the id of the request waiting for the answer; copied into the reply
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param operation what to do
 * @param userId the user, also the message's key
 * @param amount the credit to add or subtract; 0 otherwise
 */
public record UserCommand(String requestId, String idempotencyKey, UserOperation operation, String userId,
		long amount) {

	/** What a repeat under the same idempotency key must also ask to get the first answer. */
	String fingerprint() {
		return operation + ":" + amount;
	}

}
