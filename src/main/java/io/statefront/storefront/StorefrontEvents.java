package io.statefront.storefront;

import java.util.List;

import io.statefront.catalogue.Product;
import jakarta.servlet.http.HttpServletRequest;

/** What shoppers do on the storefront, told to analytics and the recommendations. */
interface StorefrontEvents {

	void pageViewed(HttpServletRequest request, String title);

	void productViewed(HttpServletRequest request, Product product);

	void addedToCart(HttpServletRequest request, Product product);

	/** A paid order: a conversion worth {@code revenue}, and a purchase of each of its products. */
	void checkedOut(HttpServletRequest request, String orderId, long revenue, List<Product> products);

	/** A checkout the order refused: the visitor saw the reason. */
	void checkoutRefused(HttpServletRequest request);

}
