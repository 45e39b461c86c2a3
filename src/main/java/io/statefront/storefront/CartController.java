package io.statefront.storefront;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.storefront.ShopPages.Notice;
import jakarta.servlet.http.HttpServletRequest;

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

	private final ShopperCart carts;

	private final StorefrontEvents events;

	private final ShopPages pages;

	private final StorefrontProperties properties;

	CartController(ShopperCart carts, StorefrontEvents events, ShopPages pages, StorefrontProperties properties) {
		this.carts = carts;
		this.events = events;
		this.pages = pages;
		this.properties = properties;
	}

	@GetMapping("/shop/cart")
	CompletableFuture<ModelAndView> cart(HttpServletRequest request) {
		events.pageViewed(request, "Cart");
		ModelAndView page = pages.page("storefront/cart", "Your cart", request)
			.addObject("startingCredit", properties.startingCredit())
			.addObject("submission", SessionCart.submission());
		Customer customer = Customer.of(request).orElse(null);
		if (customer == null) {
			return done(page.addObject("lines", List.of()));
		}
		return carts.contents(customer.userId(), SessionCart.orderId(request)).thenApply(cart -> {
			SessionCart.holds(request, cart.items());
			page.addObject("credit", cart.credit()).addObject("cartCount", CartLine.count(cart.items()));
			if (cart.lines().isEmpty()) {
				return page.addObject("lines", List.of());
			}
			return page.addObject("lines", cart.lines())
				.addObject("total", cart.total())
				.addObject("shortfall", cart.shortfall())
				.addObject("shortOfStock", cart.shortOfStock())
				.addObject("pricesChanged", cart.pricesChanged());
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
		return carts.remove(customer.userId(), orderId, item, submission).thenApply(removal -> {
			if (removal.failed()) {
				ShopPages.leave(request, Notice.refused("“" + removal.name() + "” could not be removed just now: "
						+ "your cart is as it was. Please try again."));
			}
			else if (removal.cart() != null) {
				SessionCart.use(request, removal.cart());
				SessionCart.holds(request, removal.kept());
				ShopPages.leave(request, Notice.good("Removed “" + removal.name() + "” from your cart."));
			}
			return new ModelAndView("redirect:/shop/cart");
		});
	}

	private static CompletableFuture<ModelAndView> done(ModelAndView page) {
		return CompletableFuture.completedFuture(page);
	}

}
