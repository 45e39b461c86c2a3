package io.statefront.shop;

/** The state an item function holds for its item. */
public record Item(long stock, long price) {
}
