package io.statefront.storefront;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The storefront's public pages: home, a category, a product, search. Stock and prices are the live
 * view's, so a page is rendered at once, without waiting on the pipeline.
 */
@Controller
class StorefrontController {

	static final int MAX_QUERY = 100;

	static final int MAX_RESULTS = 48;

	static final int MORE_IN_CATEGORY = 4;

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final StorefrontEvents events;

	private final ShopPages pages;

	private final InCart inCart;

	StorefrontController(Catalogue catalogue, ProductCards cards, StorefrontEvents events, ShopPages pages,
			InCart inCart) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.events = events;
		this.pages = pages;
		this.inCart = inCart;
	}

	@GetMapping("/")
	ModelAndView home(HttpServletRequest request) {
		events.pageViewed(request, "Statefront");
		List<Product> featured = catalogue.categories()
			.stream()
			.map(category -> catalogue.inCategory(Catalogue.slug(category)).get(0))
			.toList();
		return pages.page("storefront/home", "Statefront", request).addObject("featured", cards.of(featured));
	}

	@GetMapping("/shop/category/{slug}")
	ModelAndView category(@PathVariable String slug, HttpServletRequest request) {
		List<Product> products = catalogue.inCategory(slug);
		if (products.isEmpty()) {
			return pages.notFound("No such category", "We have no category called “" + abbreviate(slug) + "”.",
					request);
		}
		String name = products.get(0).category();
		events.pageViewed(request, name);
		return pages.page("storefront/category", name, request)
			.addObject("category", name)
			.addObject("products", cards.of(products));
	}

	/**
	 * A product, with as many to add as are left beyond what the shopper's cart holds of it already:
	 * the one page that asks the cart's order function, and only when the shopper has a cart.
	 */
	@GetMapping("/shop/product/{id}")
	CompletableFuture<ModelAndView> product(@PathVariable String id, HttpServletRequest request,
			HttpServletResponse response) {
		Product product = catalogue.product(id).orElse(null);
		if (product == null) {
			return CompletableFuture.completedFuture(pages.notFound("No such product",
					"We have no product with the number “" + abbreviate(id) + "”.", request));
		}
		events.productViewed(request, product);
		RecentViews.viewed(request, response, product.id());
		List<Product> shown = new ArrayList<>(List.of(product));
		catalogue.inCategory(product.categorySlug())
			.stream()
			.filter(other -> !other.id().equals(product.id()))
			.limit(MORE_IN_CATEGORY)
			.forEach(shown::add);
		List<ProductCard> result = cards.of(shown);
		return inCart.of(product, request)
			.thenApply(held -> pages.page("storefront/product", product.name(), request)
				.addObject("card", result.get(0))
				.addObject("inCart", held)
				.addObject("submission", SessionCart.submission())
				.addObject("more", result.subList(1, result.size())));
	}

	@GetMapping("/shop/search")
	ModelAndView search(@RequestParam(name = "q", defaultValue = "") String query, HttpServletRequest request) {
		String q = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
		events.pageViewed(request, "Search");
		List<Product> found = catalogue.search(q);
		return pages.page("storefront/search", q.isBlank() ? "Search" : "“" + q.strip() + "”", request)
			.addObject("query", q.strip())
			.addObject("products", cards.of(found.subList(0, Math.min(found.size(), MAX_RESULTS))))
			.addObject("total", found.size());
	}

	static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

}
