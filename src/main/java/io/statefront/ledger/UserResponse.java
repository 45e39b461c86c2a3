package io.statefront.ledger;

/** A user function's reply on {@code user-events}, keyed by the request id it answers. */
public record UserResponse(String requestId, UserResult result) {
}
