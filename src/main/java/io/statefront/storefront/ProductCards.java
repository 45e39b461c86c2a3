package io.statefront.storefront;

import java.util.List;
import java.util.Map;

import io.statefront.catalogue.Product;
import io.statefront.stock.StockLevels;

import org.springframework.stereotype.Component;

/** Products as pages show them: each with the live level its function answered with, if it did. */
@Component
class ProductCards {

	private final StockLevels stock;

	ProductCards(StockLevels stock) {
		this.stock = stock;
	}

	List<ProductCard> of(List<Product> products) {
		Map<String, StockLevels.Level> levels = stock.levels(products.stream().map(Product::id).toList());
		return products.stream().map(product -> new ProductCard(product, levels.get(product.id()))).toList();
	}

}
