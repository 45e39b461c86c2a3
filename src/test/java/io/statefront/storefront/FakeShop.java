package io.statefront.storefront;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.statefront.ledger.UserResult;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.OrderResult;
import io.statefront.stock.StockLevels;

/**
 * The ledger and order functions as the page tests need them, in memory: accounts opened once per
 * shopper, carts priced from the test's stock levels, checkout refused for stock or credit
 * exactly as the order saga refuses it (nothing changes), or paid.
 */
final class FakeShop implements Carts, CustomerAccounts {

	record Account(String userId, long credit, List<String> paid) {
	}

	record Cart(String userId, List<OrderLine> lines, long total, boolean paid, long paidAt) {
	}

	/** When the next checkout is paid, epoch milliseconds. */
	long clock = 1_796_000_000_000L;

	final Map<String, StockLevels.Level> levels;

	final Map<String, Account> accounts = new HashMap<>();

	final Map<String, String> userByShopper = new HashMap<>();

	final Map<String, Cart> carts = new HashMap<>();

	FakeShop(Map<String, StockLevels.Level> levels) {
		this.levels = levels;
	}

	@Override
	public synchronized CompletableFuture<UserResult> open(String shopperId, long startingCredit) {
		String userId = userByShopper.computeIfAbsent(shopperId, shopper -> {
			String id = Integer.toString(accounts.size());
			accounts.put(id, new Account(id, startingCredit, new ArrayList<>()));
			return id;
		});
		return done(new UserResult(UserResult.Outcome.OK, userId, accounts.get(userId).credit()));
	}

	@Override
	public synchronized CompletableFuture<UserResult> credit(String userId) {
		return paidOrders(userId);
	}

	@Override
	public synchronized CompletableFuture<UserResult> paidOrders(String userId) {
		Account account = accounts.get(userId);
		return done(account == null ? new UserResult(UserResult.Outcome.NOT_FOUND, userId, 0)
				: new UserResult(UserResult.Outcome.OK, userId, account.credit(), List.copyOf(account.paid())));
	}

	@Override
	public synchronized CompletableFuture<OrderResult> open(String userId) {
		String orderId = Integer.toString(100 + carts.size());
		carts.put(orderId, new Cart(userId, List.of(), 0, false, 0));
		return done(result(Outcome.OK, orderId, null, 0));
	}

	@Override
	public synchronized CompletableFuture<OrderResult> add(String orderId, String itemId, long quantity,
			String idempotencyKey) {
		Cart cart = carts.get(orderId);
		if (!levels.containsKey(itemId)) {
			return done(result(Outcome.ITEM_NOT_FOUND, orderId, null, 0));
		}
		List<OrderLine> lines = new ArrayList<>(cart.lines());
		lines.add(new OrderLine(itemId, quantity));
		carts.put(orderId,
				new Cart(cart.userId(), lines, cart.total() + quantity * levels.get(itemId).price(), false, 0));
		return done(result(Outcome.OK, orderId, null, 0));
	}

	@Override
	public synchronized CompletableFuture<OrderResult> checkout(String orderId, String idempotencyKey) {
		Cart cart = carts.get(orderId);
		for (OrderLine line : cart.lines()) {
			long stock = levels.get(line.itemId()).stock();
			if (stock < line.quantity()) {
				return done(result(Outcome.INSUFFICIENT_STOCK, orderId, line.itemId(), stock));
			}
		}
		Account account = accounts.get(cart.userId());
		if (account.credit() < cart.total()) {
			return done(result(Outcome.INSUFFICIENT_CREDIT, orderId, cart.userId(), account.credit()));
		}
		cart.lines().forEach(line -> levels.computeIfPresent(line.itemId(),
				(id, level) -> new StockLevels.Level(level.stock() - line.quantity(), level.price())));
		List<String> paid = new ArrayList<>(account.paid());
		paid.add(0, orderId);
		accounts.put(account.userId(), new Account(account.userId(), account.credit() - cart.total(), paid));
		carts.put(orderId, new Cart(cart.userId(), cart.lines(), cart.total(), true, clock));
		return done(result(Outcome.OK, orderId, null, 0));
	}

	@Override
	public synchronized CompletableFuture<OrderResult> find(String orderId) {
		return done(carts.containsKey(orderId) ? result(Outcome.OK, orderId, null, 0)
				: result(Outcome.NOT_FOUND, orderId, null, 0));
	}

	private OrderResult result(Outcome outcome, String orderId, String refusedBy, long balance) {
		Cart cart = carts.get(orderId);
		return (cart == null) ? new OrderResult(outcome, orderId, null, List.of(), 0, false, refusedBy, balance)
				: new OrderResult(outcome, orderId, cart.userId(), cart.lines(), cart.total(), cart.paid(), refusedBy,
						balance, cart.paidAt());
	}

	private static <T> CompletableFuture<T> done(T value) {
		return CompletableFuture.completedFuture(value);
	}

}
