package io.statefront.storefront;

import java.util.List;
import java.util.Optional;

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
 */
@Controller
class RecommendedController {

	static final int SHOWN = 5;

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
		List<Product> products = ids.stream()
			.map(String::strip)
			.distinct()
			.map(catalogue::product)
			.flatMap(Optional::stream)
			.limit(SHOWN)
			.toList();
		return new ModelAndView("storefront/recommended :: panel").addObject("recommended", cards.of(products));
	}

}
