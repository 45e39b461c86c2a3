package io.statefront.analytics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The pages simulated visitors browse: the shop's categories and the products in each. */
final class SitePages {

	record Page(String url, String title, int category) {
	}

	static final List<String> CATEGORIES = List.of("Shoes", "Outerwear", "Knitwear", "Shirts", "Trousers", "Bags",
			"Watches", "Home", "Kitchen", "Books");

	static final int PRODUCTS_PER_CATEGORY = 30;

	/**
	 * Asked for every simulated event: a lookup, where matching the url with a regex was an eighth of
	 * the simulator's work.
	 */
	private static final Map<String, Page> PRODUCTS_BY_URL = IntStream.range(0, CATEGORIES.size())
		.boxed()
		.flatMap(category -> IntStream.range(0, PRODUCTS_PER_CATEGORY).mapToObj(index -> product(category, index)))
		.collect(Collectors.toUnmodifiableMap(Page::url, page -> page));

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
		return Optional.ofNullable(PRODUCTS_BY_URL.get(url));
	}

	static List<Page> all() {
		return IntStream.range(0, CATEGORIES.size())
			.boxed()
			.flatMap(category -> IntStream.rangeClosed(-1, PRODUCTS_PER_CATEGORY - 1)
				.mapToObj(index -> (index < 0) ? category(category) : product(category, index)))
			.toList();
	}

}
