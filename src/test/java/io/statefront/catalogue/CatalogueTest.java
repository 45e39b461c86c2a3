package io.statefront.catalogue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo catalogue shipped with the application. */
class CatalogueTest {

	private final Catalogue catalogue = new Catalogue();

	@Test
	void holdsAFewHundredProductsOverTenCategoriesWithIdsInOrder() {
		List<Product> products = catalogue.products();

		assertThat(products).hasSize(300);
		assertThat(products).extracting(Product::id)
			.containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(Integer::toString).toList());
		assertThat(catalogue.categories()).hasSize(10).contains("Shoes", "Knitwear", "Books");
		assertThat(products).allSatisfy(product -> {
			assertThat(product.name()).isNotBlank();
			assertThat(product.description()).isNotBlank();
			assertThat(product.price()).isPositive();
			assertThat(product.stock()).isNotNegative();
		});
		assertThat(products).filteredOn(product -> product.stock() == 0).isNotEmpty();
	}

	@Test
	void findsACategoryByItsSlugAndAProductById() {
		assertThat(catalogue.inCategory("knitwear")).hasSize(30)
			.allSatisfy(product -> assertThat(product.category()).isEqualTo("Knitwear"));
		assertThat(catalogue.inCategory("no-such-category")).isEmpty();
		assertThat(catalogue.product("31")).get().extracting(Product::category).isEqualTo("Outerwear");
		assertThat(catalogue.product("300")).isEmpty();
	}

	@Test
	void searchesEveryWordInNamesFirstThenDescriptions() {
		List<Product> found = catalogue.search("  Merino  ");

		assertThat(found).isNotEmpty()
			.allSatisfy(product -> assertThat((product.name() + product.description()).toLowerCase()).contains("merino"));
		assertThat(catalogue.search("leather boot")).allSatisfy(product -> assertThat(product.name() + " "
				+ product.description()).containsIgnoringCase("leather").containsIgnoringCase("boot"));
		assertThat(catalogue.search("   ")).isEmpty();
		assertThat(catalogue.search("zeppelin")).isEmpty();
	}

}
