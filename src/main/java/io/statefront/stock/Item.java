package io.statefront.stock;

/** The state an item function holds for its item. */
public record Item(long stock, long price) {
}
