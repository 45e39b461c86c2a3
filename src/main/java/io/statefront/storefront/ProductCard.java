package io.statefront.storefront;

import io.statefront.catalogue.Product;
import io.statefront.stock.StockLevels.Level;
import org.jspecify.annotations.Nullable;

/** A product as a page shows it: with its live price and stock when its function answered. */
public record ProductCard(Product product, @Nullable Level level) {

	static final int FEW = 5;

	public long price() {
		return level != null ? level.price() : product.price();
	}

	public boolean known() {
		return level != null;
	}

	public boolean available() {
		return level != null && level.stock() > 0;
	}

	/** "In stock", "Only 3 left", "Out of stock", or "Availability unknown" when the function did not answer. */
	public String availability() {
		if (level == null) {
			return "Availability unknown";
		}
		if (level.stock() == 0) {
			return "Out of stock";
		}
		return level.stock() <= FEW ? "Only " + level.stock() + " left" : "In stock";
	}

}
