package io.statefront.recommendation;

/**
 * A shop event with what was known of its shopper just after it: the input of the
 * recommendations, which keep no per-shopper state of their own.
 *
 * @param event what the shopper just did
 * @param recentViews the items the shopper looked at lately, most recent first (this one included)
 * @param purchased everything the shopper has bought
 * @param favouriteCategories the categories that drew the shopper, most first
 * @param categoryWeights how strongly each of those drew them, in the same order
 */
public record ShopperMoment(ShopEvent event, String[] recentViews, String[] purchased,
		String[] favouriteCategories, long[] categoryWeights) {
}
