package io.statefront.storefront;

import java.util.concurrent.CompletableFuture;

import io.statefront.ledger.UserResult;

/** Customers' ledger accounts, as the storefront uses them. */
public interface CustomerAccounts {

	/**
	 * Opens a ledger user for a guest with {@code startingCredit}; asked again for the same shopper
	 * (a retry after a timeout), answers with the same user, credited once.
	 */
	CompletableFuture<UserResult> open(String shopperId, long startingCredit);

	/** The user's credit. */
	CompletableFuture<UserResult> credit(String userId);

	/** The user's credit and the orders they have paid for, newest first. */
	CompletableFuture<UserResult> paidOrders(String userId);

}
