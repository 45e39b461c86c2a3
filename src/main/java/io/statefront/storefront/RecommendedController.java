package io.statefront.storefront;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.recommendation.LatestRecommendations;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The "Recommended for you" panel, an htmx fragment: the items a push named, or, when none are
 * named, the shopper's latest recommendations (what may have been pushed before the page listened).
 * Never a sold-out item: the first {@value #SHOWN} in stock of the list, by the live stock view;
 * when fewer are, other products in stock of the list's categories fill the panel, then of any,
 * but none the shopper has just looked at ({@link RecentViews}), as the job leaves those out too.
 */
@Controller
class RecommendedController {

	static final int SHOWN = 5;

	/** The most items a push may name that are looked at: the recommendations job lists 20. */
	static final int NAMED = 50;

	private final Catalogue catalogue;

	private final ProductCards cards;

	private final LatestRecommendations latest;

	RecommendedController(Catalogue catalogue, ProductCards cards, LatestRecommendations latest) {
		this.catalogue = catalogue;
		this.cards = cards;
		this.latest = latest;
	}

	@GetMapping("/shop/recommended")
	ModelAndView recommended(@RequestParam(required = false) @Nullable String items,
			HttpServletRequest request) {
		List<String> ids = (items != null) ? List.of(items.split(","))
				: latest.of(Shoppers.id(request)).map(found -> List.of(found.itemIds())).orElse(List.of());
		List<Product> named = ids.stream()
			.limit(NAMED)
			.map(String::strip)
			.distinct()
			.map(catalogue::product)
			.flatMap(Optional::stream)
			.toList();
		return new ModelAndView("storefront/recommended :: panel").addObject("recommended",
				inStock(named, RecentViews.of(request)));
	}

	/**
	 * The first {@value #SHOWN} of {@code named} in stock; filled, when fewer are, from the products
	 * of their categories, then of all, in catalogue order, other than those {@code seen}. Nothing
	 * when nothing was named: the panel then invites the shopper to look around.
	 */
	private List<ProductCard> inStock(List<Product> named, List<String> seen) {
		List<ProductCard> shown = new ArrayList<>(
				cards.of(named).stream().filter(ProductCard::available).limit(SHOWN).toList());
		if (shown.size() == SHOWN || named.isEmpty()) {
			return shown;
		}
		Set<String> categories = new LinkedHashSet<>();
		named.forEach(product -> categories.add(product.categorySlug()));
		List<Product> others = new ArrayList<>();
		categories.forEach(slug -> others.addAll(catalogue.inCategory(slug)));
		others.addAll(catalogue.products());
		Set<String> skipped = new LinkedHashSet<>(seen);
		named.forEach(product -> skipped.add(product.id()));
		List<Product> candidates = others.stream().filter(product -> skipped.add(product.id())).toList();
		for (ProductCard card : cards.of(candidates)) {
			if (shown.size() == SHOWN) {
				break;
			}
			if (card.available()) {
				shown.add(card);
			}
		}
		return shown;
	}

}
