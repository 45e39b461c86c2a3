package io.statefront.catalogue;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo catalogue opened in the stock functions: once, and then left to the shop. */
class CatalogueSeederIntegrationTest extends IntegrationTest {

	@Autowired
	Catalogue catalogue;

	@Autowired
	CatalogueSeeder seeder;

	@Test
	void opensEveryProductWithItsStockAndPriceAndLeavesLiveStockAloneAfterwards() throws Exception {
		seeder.open().join();

		for (String id : new String[] { "0", "57", "150", "299" }) {
			Product product = catalogue.product(id).orElseThrow();
			Response item = api().get("/stock/find/" + id);
			assertThat(item.number("stock")).as("stock of %s", id).isEqualTo(product.stock());
			assertThat(item.number("price")).as("price of %s", id).isEqualTo(product.price());
		}
		assertThat(Long.parseLong(api().post("/stock/item/create/5").text("item_id"))).isGreaterThanOrEqualTo(300);

		// the shop sells: the seeder, asked again, sees the items and changes nothing
		Product first = catalogue.products().get(0);
		api().post("/stock/add/0/7");
		assertThat(seeder.seed().join()).isFalse();
		assertThat(api().get("/stock/find/0").number("stock")).isEqualTo(first.stock() + 7);
	}

}
