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
public record CartLine(ProductCard card, long quantity) {

	/** The order's lines merged by item, in the order they were first added, with live levels. */
	static List<CartLine> of(List<OrderLine> lines, Catalogue catalogue, ProductCards cards) {
		Map<String, Long> quantities = quantities(lines);
		List<Product> products = quantities.keySet().stream().map(id -> product(id, catalogue)).toList();
		return cards.of(products)
			.stream()
			.map(card -> new CartLine(card, quantities.get(card.product().id())))
			.toList();
	}

	/** How many of each item the lines hold, in the order the items were first added. */
	static Map<String, Long> quantities(List<OrderLine> lines) {
		Map<String, Long> quantities = new LinkedHashMap<>();
		lines.forEach(line -> quantities.merge(line.itemId(), line.quantity(), Math::addExact));
		return quantities;
	}

	/** How many items the lines hold in all: the count in the header. */
	static long count(List<OrderLine> lines) {
		return lines.stream().mapToLong(OrderLine::quantity).reduce(0, Math::addExact);
	}

	/** The line at today's price. */
	public long total() {
		return Math.multiplyExact(quantity, card.price());
	}

	/** Whether the line asks for more than is left (as far as the live stock view knows). */
	public boolean exceedsStock() {
		return card.level() != null && card.level().stock() < quantity;
	}

	/** An item outside the demo catalogue (opened through the API) is still listed, by its number. */
	private static Product product(String itemId, Catalogue catalogue) {
		return catalogue.product(itemId).orElseGet(() -> new Product(itemId, "Item " + itemId, "Other", "", 0, 0));
	}

}
