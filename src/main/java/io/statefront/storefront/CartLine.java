package io.statefront.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.order.OrderLine;

/**
 * An item of a cart or order as pages list it: the product with its live level, and how many the
 * order holds (an item added twice is one line here, two in the order).
 */
record CartLine(ProductCard card, long quantity) {

	/** The order's lines merged by item, in the order they were first added, with live levels. */
	static List<CartLine> of(List<OrderLine> lines, Catalogue catalogue, ProductCards cards) {
		Map<String, Long> quantities = new LinkedHashMap<>();
		lines.forEach(line -> quantities.merge(line.itemId(), line.quantity(), Math::addExact));
		List<Product> products = quantities.keySet().stream().map(id -> product(id, catalogue)).toList();
		return cards.of(products)
			.stream()
			.map(card -> new CartLine(card, quantities.get(card.product().id())))
			.toList();
	}

	/** An item outside the demo catalogue (opened through the API) is still listed, by its number. */
	private static Product product(String itemId, Catalogue catalogue) {
		return catalogue.product(itemId).orElseGet(() -> new Product(itemId, "Item " + itemId, "Other", "", 0, 0));
	}

}
