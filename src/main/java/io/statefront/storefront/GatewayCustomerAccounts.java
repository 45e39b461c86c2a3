package io.statefront.storefront;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import io.statefront.ledger.LedgerClient;
import io.statefront.ledger.UserOperation;
import io.statefront.ledger.UserResult;
import io.statefront.order.OrderArchive;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;

import org.springframework.stereotype.Component;

/**
 * Customers' accounts on the ledger's user functions. Opening one is two commands, a create and
 * the starting credit, each keyed by the shopper: a retry completes what a timeout interrupted
 * and never opens a second user or credits twice.
 */
@Component
class GatewayCustomerAccounts implements CustomerAccounts {

	private static final int PAID_ORDERS_LISTED = 50;

	/** Numeric ids by value, highest first. */
	private static final Comparator<String> NEWEST_FIRST = Comparator.comparingInt(String::length)
		.thenComparing(Comparator.naturalOrder())
		.reversed();

	private final LedgerClient ledger;

	private final OrderArchive archive;

	GatewayCustomerAccounts(LedgerClient ledger, OrderArchive archive) {
		this.ledger = ledger.forStorefront();
		this.archive = archive;
	}

	@Override
	public CompletableFuture<UserResult> open(String shopperId, long startingCredit) {
		return ledger.create(IdempotencyKey.valueOf("storefront-open-" + shopperId)).thenCompose(created -> {
			if (created.outcome() != UserResult.Outcome.OK || startingCredit == 0) {
				return CompletableFuture.completedFuture(created);
			}
			return ledger.send(UserOperation.ADD_CREDIT, new EntityId(created.userId()), startingCredit,
					IdempotencyKey.valueOf("storefront-starting-credit-" + shopperId));
		});
	}

	@Override
	public CompletableFuture<UserResult> credit(String userId) {
		return ledger.send(UserOperation.FIND, new EntityId(userId), 0, null);
	}

	@Override
	public CompletableFuture<UserResult> paidOrders(String userId) {
		return ledger.send(UserOperation.PAID_ORDERS, new EntityId(userId), 0, null)
			.thenCompose(recent -> (recent.outcome() != UserResult.Outcome.OK) ? CompletableFuture.completedFuture(recent)
					: archive.read(() -> withArchived(recent)));
	}

	/**
	 * The user function lists the orders paid within the finished-orders horizon, the archive those
	 * it has kept (all but the last moments'): together, newest first, each once.
	 */
	private UserResult withArchived(UserResult recent) {
		Set<String> ids = new TreeSet<>(NEWEST_FIRST);
		ids.addAll(recent.paidOrders());
		ids.addAll(archive.paidBy(recent.userId(), PAID_ORDERS_LISTED));
		return new UserResult(recent.outcome(), recent.userId(), recent.credit(),
				ids.stream().limit(PAID_ORDERS_LISTED).toList());
	}

}
