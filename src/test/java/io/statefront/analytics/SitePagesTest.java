package io.statefront.analytics;

import java.util.Optional;

import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's pages are the storefront's: the same product ids in the same categories. */
class SitePagesTest {

	private static final SessionData VISITOR = new SessionData("test", "10.0.0.1", "Japan", "Osaka", "mobile",
			"Safari", "iOS");

	@Test
	void everySimulatedProductPageIsACatalogueProductOfTheSameCategory() {
		Catalogue catalogue = new Catalogue();
		for (Product product : catalogue.products()) {
			SitePages.Page page = SitePages.productOf("/shop/product/" + product.id()).orElseThrow();
			assertThat(SitePages.CATEGORIES.get(page.category())).isEqualTo(product.category());
			assertThat(SitePages.category(page.category()).url())
				.isEqualTo("/shop/category/" + product.categorySlug());
		}
		assertThat(SitePages.productOf("/shop/product/300")).isEmpty();
		assertThat(SitePages.productOf("/shop/category/books")).isEmpty();
		assertThat(SitePages.productOf("/shop/product/1e3")).isEmpty();
	}

	@Test
	void aSimulatedProductViewIsAlsoAShopEventForTheRecommendations() {
		WebsiteEvent view = new WebsiteEvent("e1", 1_000, EventType.PAGE_VIEW, "visitor-7", "s1",
				new PageViewData("/shop/product/62", "Knitwear #62", null, 200), VISITOR, null);

		assertThat(EventSimulator.shopEventOf(view))
			.contains(new ShopEvent("e1", "visitor-7", ShopEventType.PRODUCT_VIEW, "62", "Knitwear", 1_000, true));
		assertThat(EventSimulator.shopEventOf(new WebsiteEvent("e2", 1_000, EventType.PAGE_VIEW, null, "s2",
				new PageViewData("/shop/category/knitwear", "Knitwear", null, 200), VISITOR, null))).isEmpty();
		assertThat(EventSimulator.shopEventOf(
				new WebsiteEvent("e3", 1_000, EventType.SESSION_START, "visitor-7", "s1", null, VISITOR, null)))
			.isEqualTo(Optional.empty());
	}

}
