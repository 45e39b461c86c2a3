package io.statefront.shop.storefront;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.shop.catalogue.Catalogue;
import io.statefront.shop.catalogue.Product;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** A category in the navigation. */
record CategoryLink(String name, String slug) {
}

/** The storefront's public pages: home, a category, a product, search. Stock and prices are live. */
@Controller
class StorefrontController {

	static final int MAX_QUERY = 100;

	static final int MAX_RESULTS = 48;

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final StorefrontEvents events;

	StorefrontController(Catalogue catalogue, ProductCards cards, StorefrontEvents events) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.events = events;
	}

	@GetMapping("/")
	CompletableFuture<ModelAndView> home(HttpServletRequest request) {
		events.pageViewed(request, "Statefront");
		List<Product> featured = catalogue.categories()
			.stream()
			.map(category -> catalogue.inCategory(Catalogue.slug(category)).get(0))
			.toList();
		return cards.of(featured).thenApply(shown -> page("shop/home", "Statefront").addObject("featured", shown));
	}

	@GetMapping("/shop/category/{slug}")
	CompletableFuture<ModelAndView> category(@PathVariable String slug, HttpServletRequest request) {
		List<Product> products = catalogue.inCategory(slug);
		if (products.isEmpty()) {
			return CompletableFuture.completedFuture(notFound("No such category",
					"We have no category called “" + abbreviate(slug) + "”."));
		}
		String name = products.get(0).category();
		events.pageViewed(request, name);
		return cards.of(products).thenApply(shown -> page("shop/category", name).addObject("category", name)
			.addObject("products", shown));
	}

	@GetMapping("/shop/product/{id}")
	CompletableFuture<ModelAndView> product(@PathVariable String id, HttpServletRequest request) {
		Product product = catalogue.product(id).orElse(null);
		if (product == null) {
			return CompletableFuture.completedFuture(notFound("No such product",
					"We have no product with the number “" + abbreviate(id) + "”."));
		}
		events.productViewed(request, product);
		List<Product> shown = catalogue.inCategory(product.categorySlug())
			.stream()
			.filter(other -> !other.id().equals(product.id()))
			.limit(4)
			.toList();
		List<Product> all = new ArrayList<>(shown);
		all.add(0, product);
		return cards.of(all).thenApply(result -> page("shop/product", product.name()).addObject("card", result.get(0))
			.addObject("more", result.subList(1, result.size())));
	}

	@GetMapping("/shop/search")
	CompletableFuture<ModelAndView> search(@RequestParam(name = "q", defaultValue = "") String query,
			HttpServletRequest request) {
		String q = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
		events.pageViewed(request, "Search");
		List<Product> found = catalogue.search(q);
		return cards.of(found.subList(0, Math.min(found.size(), MAX_RESULTS)))
			.thenApply(shown -> page("shop/search", q.isBlank() ? "Search" : "“" + q.strip() + "”")
				.addObject("query", q.strip())
				.addObject("products", shown)
				.addObject("total", found.size()));
	}

	private ModelAndView page(String view, String title) {
		List<CategoryLink> categories = catalogue.categories()
			.stream()
			.map(name -> new CategoryLink(name, Catalogue.slug(name)))
			.toList();
		return new ModelAndView(view).addObject("title", title).addObject("categories", categories);
	}

	private ModelAndView notFound(String title, String message) {
		ModelAndView page = page("shop/not-found", title).addObject("message", message);
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

}
