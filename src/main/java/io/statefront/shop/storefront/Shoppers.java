package io.statefront.shop.storefront;

import jakarta.servlet.http.HttpSession;

/** Who a storefront visitor is to the events and the recommendations: for a guest, their visit's session. */
final class Shoppers {

	private Shoppers() {
	}

	static String id(HttpSession session) {
		return session.getId();
	}

}
