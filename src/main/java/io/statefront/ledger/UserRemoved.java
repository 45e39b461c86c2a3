package io.statefront.ledger;

/**
 * A user's function confirmed their removal (through the API or the console): whatever stands for
 * them elsewhere, such as a storefront customer's remember-me cookie, is to end too.
 */
public record UserRemoved(String userId) {
}
