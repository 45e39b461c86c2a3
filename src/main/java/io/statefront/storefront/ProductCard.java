package io.statefront.storefront;

import io.statefront.catalogue.Product;
import io.statefront.stock.StockLevels.Level;
import org.jspecify.annotations.Nullable;

/** A product as a page shows it: with its live price and stock when its function answered. */
public record ProductCard(Product product, @Nullable Level level) {

	static final int FEW = 5;

	/** The most one add to the cart may ask for. */
	static final int MOST_PER_ADD = 10;

	public long price() {
		return level != null ? level.price() : product.price();
	}

	public boolean known() {
		return level != null;
	}

	public boolean available() {
		return level != null && level.stock() > 0;
	}

	public boolean soldOut() {
		return level != null && level.stock() == 0;
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

	/**
	 * How many more a cart holding {@code inCart} of this product may ask for: what is left beyond
	 * them, at most {@value #MOST_PER_ADD} at a time. With the stock unknown, the most per add: the
	 * checkout will tell.
	 */
	public int addable(long inCart) {
		if (level == null) {
			return MOST_PER_ADD;
		}
		return (int) Math.max(0, Math.min(MOST_PER_ADD, level.stock() - inCart));
	}

	/** The picture of the product ({@link PicturesController}). */
	public String picture() {
		return "/shop/pictures/" + product.id() + ".svg";
	}

}
