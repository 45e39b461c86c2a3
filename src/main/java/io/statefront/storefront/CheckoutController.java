package io.statefront.storefront;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.order.OrderResult.Outcome;
import io.statefront.storefront.ShopPages.Notice;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Checkout: the cart's order runs its saga (stock reserved, credit paid, or nothing at all), and
 * the shopper sees the paid order with their new credit, or the cart with the precise reason.
 */
@Controller
class CheckoutController {

	private final Catalogue catalogue;

	private final Carts carts;

	private final StorefrontEvents events;

	CheckoutController(Catalogue catalogue, Carts carts, StorefrontEvents events) {
		this.catalogue = catalogue;
		this.carts = carts;
		this.events = events;
	}

	@PostMapping("/shop/cart/checkout")
	CompletableFuture<ModelAndView> checkout(@RequestParam String submission, HttpServletRequest request) {
		Customer customer = Customer.of(request).orElse(null);
		String orderId = SessionCart.orderId(request);
		if (customer == null || orderId == null || !SessionCart.validSubmission(submission)) {
			ShopPages.leave(request, Notice.refused("Your cart is empty: there is nothing to check out."));
			return CompletableFuture.completedFuture(new ModelAndView("redirect:/shop/cart"));
		}
		return carts.checkout(orderId, "storefront-checkout-" + submission).thenApply(result -> {
			if (result.outcome() == Outcome.OK || result.outcome() == Outcome.ALREADY_PAID) {
				SessionCart.forget(request);
				if (result.outcome() == Outcome.OK) {
					events.checkedOut(request, orderId, result.totalCost(), result.items()
						.stream()
						.map(line -> catalogue.product(line.itemId()))
						.flatMap(Optional::stream)
						.toList());
				}
				ShopPages.leave(request, Notice.good("Thank you! Your order is paid: " + Credits.of(result.totalCost())
						+ " were taken from your credit."));
				return new ModelAndView("redirect:/shop/orders/" + orderId);
			}
			events.checkoutRefused(request);
			ShopPages.leave(request, Notice.refused(CheckoutRefusals.reason(result, catalogue)));
			return new ModelAndView("redirect:/shop/cart");
		});
	}

}
