package io.statefront.storefront;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.recommendation.LatestRecommendations;
import io.statefront.stock.StockLevels;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The storefront's pages, rendered by their controller and templates behind the storefront's
 * security chain, with stock levels the test sets and the events the pages tell recorded.
 */
@WebMvcTest(controllers = { StorefrontController.class, PicturesController.class, RecommendedController.class },
		properties = "statefront.shop.remember-me-key=test-key")
@Import({ Catalogue.class, ProductCards.class, ShopPages.class, StorefrontSecurity.class, InCart.class,
		ProductPictures.class, LatestRecommendations.class, StorefrontControllerTest.Ports.class,
		CartControllerTest.Shop.class })
class StorefrontControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Ports ports;

	@BeforeEach
	void openingStock() {
		ports.levels.clear();
		ports.events.clear();
		new Catalogue().products()
			.forEach(product -> ports.levels.put(product.id(), new StockLevels.Level(product.stock(), product.price())));
	}

	@Test
	void theHomePageShowsEveryDepartmentWithLivePrices() throws Exception {
		ports.levels.put("0", new StockLevels.Level(2, 99));

		String page = render("/", 200);

		assertThat(page).contains("Shoes", "Outerwear", "Knitwear", "Books")
			.contains("Weekend Derby", "99 credits", "Only 2 left");
		assertThat(ports.events).containsExactly("page Statefront");
	}

	@Test
	void aCategoryListsItsProductsAndAnUnknownOneIsNotFound() throws Exception {
		String page = render("/shop/category/knitwear", 200);

		assertThat(page).contains("<h1>Knitwear</h1>", "30 products");
		new Catalogue().inCategory("knitwear").forEach(product -> assertThat(page).contains(product.name()));

		assertThat(render(get("/shop/category/{slug}", "kn<b>itwear"), 404)).contains("No such category")
			.contains("kn&lt;b&gt;itwear")
			.doesNotContain("kn<b>itwear");
	}

	@Test
	void aProductPageShowsWhatItsFunctionHoldsNow() throws Exception {
		Product product = new Catalogue().product("57").orElseThrow();
		ports.levels.put("57", new StockLevels.Level(0, product.price() + 5));

		String page = render("/shop/product/57", 200);

		assertThat(page).contains(product.name(), product.description(), (product.price() + 5) + " credits",
				"Out of stock", "More in " + "<span>" + product.category() + "</span>");
		assertThat(ports.events).containsExactly("product 57");

		ports.levels.put("57", new StockLevels.Level(3, 12_345));
		assertThat(render("/shop/product/57", 200)).contains("12,345 credits");

		ports.levels.remove("57");
		assertThat(render("/shop/product/57", 200)).contains("Availability unknown", product.price() + " credits");
		assertThat(render("/shop/product/300", 404)).contains("No such product");
		assertThat(render("/shop/product/abc", 404)).contains("No such product");
	}

	@Test
	void aBoostedLinkGetsThePagesContentOnlyWithItsTitle() throws Exception {
		Product product = new Catalogue().product("57").orElseThrow();

		String content = render(get("/shop/product/57").header("HX-Request", "true").header("HX-Boosted", "true"), 200);

		assertThat(content).contains("<title>" + product.name() + " · Statefront</title>", "id=\"page\"",
				product.description(), "id=\"add-to-cart\"")
			.doesNotContain("<html", "<header", "id=\"recommended\"", "<script");
		assertThat(render("/shop/product/57", 200)).contains("<html", "<header", "id=\"page\"", "id=\"recommended\"");
		assertThat(render(get("/shop/product/abc").header("HX-Boosted", "true"), 404)).contains("No such product")
			.doesNotContain("<html");
	}

	@Test
	void searchFindsProductsAndEscapesWhatWasTyped() throws Exception {
		assertThat(render("/shop/search?q=merino", 200)).contains("Results for “<span>merino</span>”")
			.containsPattern("\\d+ products?");
		assertThat(render("/shop/search?q=zeppelin", 200)).contains("Nothing matches");
		assertThat(render("/shop/search", 200)).contains("Type what you are looking for");
		assertThat(render(get("/shop/search").param("q", "<script>alert(1)</script>"), 200))
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
	}

	@Test
	void pagesCarryAContentSecurityPolicyWithoutInlineScriptAndRefuseFraming() throws Exception {
		mvc.perform(get("/shop/category/books"))
			.andExpect(header().string("Content-Security-Policy", StorefrontSecurity.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		assertThat(StorefrontSecurity.CONTENT_SECURITY_POLICY).contains("script-src 'self';")
			.doesNotContain("unsafe-inline");
		assertThat(render("/", 200)).doesNotContain("<script>").doesNotContain("style=");
	}

	private String render(String path, int status) throws Exception {
		return render(get(path), status);
	}

	private String render(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult started = mvc.perform(request).andReturn();
		MvcResult done = started.getRequest().isAsyncStarted()
				? mvc.perform(asyncDispatch(started)).andExpect(status().is(status)).andReturn()
				: started;
		assertThat(done.getResponse().getStatus()).isEqualTo(status);
		return done.getResponse().getContentAsString();
	}

	/** The storefront's ports as the test sets them: levels by item id, events as text. */
	@TestConfiguration
	static class Ports {

		final Map<String, StockLevels.Level> levels = new HashMap<>();

		final List<String> events = new ArrayList<>();

		@Bean
		StockLevels stockLevels() {
			return ids -> {
				Map<String, StockLevels.Level> found = new HashMap<>();
				ids.forEach(id -> {
					if (levels.containsKey(id)) {
						found.put(id, levels.get(id));
					}
				});
				return found;
			};
		}

		@Bean
		StorefrontEvents storefrontEvents() {
			return new StorefrontEvents() {

				@Override
				public void pageViewed(HttpServletRequest request, String title) {
					events.add("page " + title);
				}

				@Override
				public void productViewed(HttpServletRequest request, Product product) {
					events.add("product " + product.id());
				}

				@Override
				public void addedToCart(HttpServletRequest request, Product product) {
					events.add("cart " + product.id());
				}

				@Override
				public void checkedOut(HttpServletRequest request, String orderId, long revenue,
						List<Product> products) {
					events.add("paid " + orderId + " " + revenue);
				}

				@Override
				public void checkoutRefused(HttpServletRequest request) {
					events.add("refused");
				}

			};
		}

	}

}
