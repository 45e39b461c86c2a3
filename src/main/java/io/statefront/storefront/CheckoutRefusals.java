package io.statefront.storefront;

import io.statefront.catalogue.Catalogue;
import io.statefront.order.OrderResult;

/** Why a checkout did not go through, in the shopper's words. Nothing was charged in any case. */
final class CheckoutRefusals {

	private CheckoutRefusals() {
	}

	static String reason(OrderResult refused, Catalogue catalogue) {
		return switch (refused.outcome()) {
			case INSUFFICIENT_STOCK -> {
				String name = catalogue.product(refused.refusedBy())
					.map(product -> "“" + product.name() + "”")
					.orElse("item " + refused.refusedBy());
				long wanted = refused.items()
					.stream()
					.filter(line -> line.itemId().equals(refused.refusedBy()))
					.mapToLong(line -> line.quantity())
					.sum();
				yield "Not enough stock: your cart has " + wanted + " × " + name + ", and "
						+ (refused.balance() == 0 ? "it is sold out" : "only " + refused.balance() + " are left")
						+ ". Nothing was charged.";
			}
			case INSUFFICIENT_CREDIT -> "Not enough credit: your cart costs " + Credits.of(refused.totalCost())
					+ " and you have " + Credits.number(refused.balance()) + ". Nothing was charged.";
			case ITEM_NOT_FOUND -> "An item in your cart is no longer sold. Nothing was charged.";
			case USER_NOT_FOUND -> "Your customer account is closed. Nothing was charged.";
			default -> "Your order could not be checked out (" + refused.outcome() + "). Nothing was charged.";
		};
	}

}
