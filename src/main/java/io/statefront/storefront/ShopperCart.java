package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult;
import io.statefront.order.OrderResult.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A customer's cart as the storefront shows and changes it: an order of theirs not yet paid, read
 * beside their credit and the live stock view, and a line removed. The web side ({@link
 * CartController}) only turns these into pages and notices.
 */
@Component
class ShopperCart {

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final Carts carts;

	private final CustomerAccounts accounts;

	ShopperCart(Catalogue catalogue, ProductCards cards, Carts carts, CustomerAccounts accounts) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.carts = carts;
		this.accounts = accounts;
	}

	/**
	 * What the shopper has: their credit and, while {@code orderId} is an open order, its lines
	 * with what the stock view and their credit already tell (a line asking for more than is left,
	 * a total beyond their credit).
	 */
	CompletableFuture<Contents> contents(String userId, @Nullable String orderId) {
		CompletableFuture<@Nullable OrderResult> order = (orderId == null) ? CompletableFuture.completedFuture(null)
				: carts.find(orderId);
		return accounts.credit(userId).thenCombine(order, (user, cart) -> {
			if (cart == null || cart.outcome() != Outcome.OK || cart.paid()) {
				return new Contents(user.credit(), List.of(), List.of(), 0);
			}
			return new Contents(user.credit(), cart.items(), CartLine.of(cart.items(), catalogue, cards),
					cart.totalCost());
		});
	}

	/**
	 * Removes {@code itemId} from the open order {@code orderId}. Orders take items but never give
	 * them back, so the cart becomes a new order with the other lines, and the old one stays unpaid.
	 * @param key the form's submission: a resent form removes once
	 */
	CompletableFuture<Removal> remove(String userId, String orderId, String itemId, String key) {
		return carts.find(orderId).thenCompose(cart -> {
			String name = catalogue.product(itemId).map(Product::name).orElse("Item " + itemId);
			if (cart.outcome() != Outcome.OK || cart.paid()
					|| cart.items().stream().noneMatch(line -> line.itemId().equals(itemId))) {
				// removed already (the form sent twice), or the cart is gone: nothing to do
				return CompletableFuture.completedFuture(new Removal(name, null, List.of(), false));
			}
			List<OrderLine> kept = cart.items().stream().filter(line -> !line.itemId().equals(itemId)).toList();
			return refill(userId, kept, "storefront-keep-" + key)
				.thenApply(refilled -> new Removal(name, refilled, kept, refilled == null));
		});
	}

	/** A new open order with {@code lines}; null when one could not be added. */
	private CompletableFuture<@Nullable String> refill(String userId, List<OrderLine> lines, String key) {
		return carts.open(userId).thenCompose(opened -> {
			CompletableFuture<@Nullable String> refilled = CompletableFuture
				.completedFuture(opened.outcome() == Outcome.OK ? opened.orderId() : null);
			for (int i = 0; i < lines.size(); i++) {
				OrderLine line = lines.get(i);
				String lineKey = key + "-" + i;
				refilled = refilled.thenCompose(orderId -> (orderId == null) ? CompletableFuture.completedFuture(null)
						: carts.add(orderId, line.itemId(), line.quantity(), lineKey)
							.thenApply(added -> (added.outcome() == Outcome.OK) ? orderId : null));
			}
			return refilled;
		});
	}

	/**
	 * A cart's contents; no lines when there is no open order.
	 * @param items the order's lines, as the session remembers them
	 * @param lines the same, with the catalogue's names and the stock view's levels
	 */
	record Contents(long credit, List<OrderLine> items, List<CartLine> lines, long total) {

		long shortfall() {
			return Math.max(0, total - credit);
		}

		List<CartLine> shortOfStock() {
			return lines.stream().filter(CartLine::exceedsStock).toList();
		}

		/** Whether a price changed since a line was added: the order charges what it was then. */
		boolean pricesChanged() {
			return lines.stream().mapToLong(CartLine::total).sum() != total;
		}

	}

	/**
	 * What a removal did.
	 * @param name the product's name, for the notice
	 * @param cart the new open order, when the line was removed
	 * @param kept the lines the new order holds
	 * @param failed whether the cart could not be changed just now (the shopper keeps the one they had)
	 */
	record Removal(String name, @Nullable String cart, List<OrderLine> kept, boolean failed) {
	}

}
