package io.statefront.recommendation;

/** What a shopper did with an item. */
public enum ShopEventType {

	PRODUCT_VIEW, ADD_TO_CART, PURCHASE

}
