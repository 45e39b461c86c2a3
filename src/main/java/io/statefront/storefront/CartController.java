package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.ledger.UserResult;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.order.OrderResult;
import io.statefront.storefront.ShopPages.Notice;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The cart: an order of the shopper's, not yet paid ({@link CartAddController} fills it). Before the
 * shopper pays, the page says what the live stock view and their credit already tell: a line that
 * asks for more than is left, a total beyond their credit and by how much. Pay is then marked as
 * bound to be refused, though the checkout's saga stays the one true check. Every form carries a
 * submission id, the idempotency key of what it asks, so a resent form applies once.
 */
@Controller
class CartController {

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final Carts carts;

	private final CustomerAccounts accounts;

	private final StorefrontEvents events;

	private final ShopPages pages;

	private final StorefrontProperties properties;

	CartController(Catalogue catalogue, ProductCards cards, Carts carts, CustomerAccounts accounts,
			StorefrontEvents events, ShopPages pages, StorefrontProperties properties) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.carts = carts;
		this.accounts = accounts;
		this.events = events;
		this.pages = pages;
		this.properties = properties;
	}

	@GetMapping("/shop/cart")
	CompletableFuture<ModelAndView> cart(HttpServletRequest request) {
		events.pageViewed(request, "Cart");
		Customer customer = Customer.of(request).orElse(null);
		String orderId = SessionCart.orderId(request);
		ModelAndView page = pages.page("storefront/cart", "Your cart", request)
			.addObject("startingCredit", properties.startingCredit())
			.addObject("submission", SessionCart.submission());
		if (customer == null) {
			return CompletableFuture.completedFuture(page.addObject("lines", List.of()));
		}
		CompletableFuture<UserResult> account = accounts.credit(customer.userId());
		CompletableFuture<@Nullable OrderResult> order = (orderId == null) ? CompletableFuture.completedFuture(null)
				: carts.find(orderId);
		return account.thenCombine(order, (user, cart) -> {
			page.addObject("credit", user.credit());
			if (cart == null || cart.outcome() != Outcome.OK || cart.paid()) {
				SessionCart.holds(request, List.of());
				return page.addObject("lines", List.of()).addObject("cartCount", 0L);
			}
			SessionCart.holds(request, cart.items());
			page.addObject("cartCount", CartLine.count(cart.items()));
			List<CartLine> lines = CartLine.of(cart.items(), catalogue, cards);
			long shortfall = Math.max(0, cart.totalCost() - user.credit());
			return page.addObject("lines", lines)
				.addObject("total", cart.totalCost())
				.addObject("shortfall", shortfall)
				.addObject("shortOfStock", lines.stream().filter(CartLine::exceedsStock).toList())
				.addObject("pricesChanged", lines.stream().mapToLong(CartLine::total).sum() != cart.totalCost());
		});
	}

	@PostMapping("/shop/cart/remove")
	CompletableFuture<ModelAndView> remove(@RequestParam String item, @RequestParam String submission,
			HttpServletRequest request) {
		Customer customer = Customer.of(request).orElse(null);
		String orderId = SessionCart.orderId(request);
		if (customer == null || orderId == null || !SessionCart.validSubmission(submission)) {
			return done(new ModelAndView("redirect:/shop/cart"));
		}
		return carts.find(orderId).thenCompose(cart -> {
			if (cart.outcome() != Outcome.OK || cart.paid()
					|| cart.items().stream().noneMatch(line -> line.itemId().equals(item))) {
				// removed already (the form sent twice), or the cart is gone: nothing to do
				return done(new ModelAndView("redirect:/shop/cart"));
			}
			List<OrderLine> kept = cart.items().stream().filter(line -> !line.itemId().equals(item)).toList();
			return refill(customer, kept, "storefront-keep-" + submission).thenApply(refilled -> {
				String name = catalogue.product(item).map(Product::name).orElse("Item " + item);
				if (refilled == null) {
					ShopPages.leave(request, Notice.refused("“" + name + "” could not be removed just now: "
							+ "your cart is as it was. Please try again."));
				}
				else {
					SessionCart.use(request, refilled);
					SessionCart.holds(request, kept);
					ShopPages.leave(request, Notice.good("Removed “" + name + "” from your cart."));
				}
				return new ModelAndView("redirect:/shop/cart");
			});
		});
	}

	/**
	 * A new cart with {@code lines}, for a cart that loses one: orders take items but never give
	 * them back, so the shopper's cart becomes a new order and the old one stays unpaid. Null
	 * when a line could not be added: the shopper keeps the cart they had.
	 */
	private CompletableFuture<@Nullable String> refill(Customer customer, List<OrderLine> lines, String key) {
		return carts.open(customer.userId()).thenCompose(opened -> {
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

	private static CompletableFuture<ModelAndView> done(ModelAndView page) {
		return CompletableFuture.completedFuture(page);
	}

}
