package io.statefront.analytics;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The pages simulated visitors browse: the shop's categories and the products in each. */
final class SitePages {

	record Page(String url, String title, int category) {
	}

	static final List<String> CATEGORIES = List.of("Shoes", "Outerwear", "Knitwear", "Shirts", "Trousers", "Bags",
			"Watches", "Home", "Kitchen", "Books");

	static final int PRODUCTS_PER_CATEGORY = 30;

	private SitePages() {
	}

	static Page category(int category) {
		String name = CATEGORIES.get(category);
		return new Page("/shop/category/" + name.toLowerCase(), name, category);
	}

	static Page product(int category, int index) {
		int id = category * PRODUCTS_PER_CATEGORY + index;
		return new Page("/shop/product/" + id, CATEGORIES.get(category) + " #" + id, category);
	}

	/** The product page at {@code url}, if it is one. */
	static Optional<Page> productOf(String url) {
		String prefix = "/shop/product/";
		if (!url.startsWith(prefix) || !url.substring(prefix.length()).matches("\\d{1,4}")) {
			return Optional.empty();
		}
		int id = Integer.parseInt(url.substring(prefix.length()));
		if (id >= CATEGORIES.size() * PRODUCTS_PER_CATEGORY) {
			return Optional.empty();
		}
		return Optional.of(product(id / PRODUCTS_PER_CATEGORY, id % PRODUCTS_PER_CATEGORY));
	}

	static List<Page> all() {
		return IntStream.range(0, CATEGORIES.size())
			.boxed()
			.flatMap(category -> IntStream.rangeClosed(-1, PRODUCTS_PER_CATEGORY - 1)
				.mapToObj(index -> (index < 0) ? category(category) : product(category, index)))
			.toList();
	}

}
