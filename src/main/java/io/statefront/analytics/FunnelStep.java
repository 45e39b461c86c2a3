package io.statefront.analytics;

import java.util.Locale;

import io.statefront.analytics.WebsiteEvent.PageViewData;

/**
 * The steps of the shop's funnel, in order, and which events reach them: a product page, the cart
 * add ({@code POST /shop/cart/items}), the checkout ({@code /shop/cart/checkout}, or a conversion,
 * which is a checkout that went through) and the payment (a conversion). A visitor is counted at
 * each step they reached in a window, whatever the order their events arrived in.
 */
enum FunnelStep {

	PRODUCT_VIEW, ADD_TO_CART, CHECKOUT, PAID;

	static final String PRODUCT_PAGES = "/shop/product/";

	static final String CART_ADD = "/shop/cart/items";

	static final String CHECKOUT_PAGE = "/shop/cart/checkout";

	/** The step's tag value in the {@code funnel} measurement: {@code product_view}, {@code add_to_cart} … */
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	int bit() {
		return 1 << ordinal();
	}

	/** The steps {@code event} reaches, as bits of {@link #bit()}; 0 for none. */
	static int reachedBy(WebsiteEvent event) {
		if (event.eventType() == EventType.CONVERSION) {
			return CHECKOUT.bit() | PAID.bit();
		}
		PageViewData page = event.pageViewData();
		if (event.eventType() != EventType.PAGE_VIEW || page == null) {
			return 0;
		}
		String url = page.url();
		if (url.startsWith(PRODUCT_PAGES)) {
			return PRODUCT_VIEW.bit();
		}
		if (url.startsWith(CART_ADD)) {
			return ADD_TO_CART.bit();
		}
		return url.startsWith(CHECKOUT_PAGE) ? CHECKOUT.bit() : 0;
	}

}
