package io.statefront.catalogue;

/**
 * One product of the demo catalogue. Its live stock and price are the item function's; these are
 * what the shop opened with.
 *
 * @param id the stock item id
 * @param name what shoppers see
 * @param category one of the catalogue's categories
 * @param description a sentence for the product page
 * @param price the opening price, in credit units
 * @param stock the opening stock
 */
public record Product(String id, String name, String category, String description, long price, long stock) {

	/** The category as it appears in URLs: {@code /shop/category/knitwear}. */
	public String categorySlug() {
		return Catalogue.slug(category);
	}

}
