package io.statefront.shop;

/** One line of an order: an item and how many of it. */
public record OrderLine(String itemId, long quantity) {
}
