package io.statefront.storefront;

import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Product;
import io.statefront.order.OrderResult;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * How many of a product the shopper's cart holds now, as its order function says: what an add may
 * ask for is what is left beyond them. No cart, or a cart that cannot be read just now, holds none
 * as far as the pages can tell: the checkout is the one true check.
 */
@Component
class InCart {

	private final Carts carts;

	InCart(Carts carts) {
		this.carts = carts;
	}

	CompletableFuture<Long> of(Product product, HttpServletRequest request) {
		String orderId = Customer.of(request).isPresent() ? SessionCart.orderId(request) : null;
		if (orderId == null) {
			return CompletableFuture.completedFuture(0L);
		}
		return carts.find(orderId).handle((cart, failure) -> {
			if (failure != null || cart.outcome() != OrderResult.Outcome.OK || cart.paid()) {
				return 0L;
			}
			SessionCart.holds(request, cart.items());
			return CartLine.quantities(cart.items()).getOrDefault(product.id(), 0L);
		});
	}

}
