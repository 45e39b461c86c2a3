package io.statefront.shop.storefront;

import io.statefront.shop.catalogue.Product;
import jakarta.servlet.http.HttpServletRequest;

/** What shoppers do on the storefront, told to analytics and the recommendations. */
interface StorefrontEvents {

	void pageViewed(HttpServletRequest request, String title);

	void productViewed(HttpServletRequest request, Product product);

}
