package io.statefront.order;

/** One line of an order: an item and how many of it. */
public record OrderLine(String itemId, long quantity) {
}
