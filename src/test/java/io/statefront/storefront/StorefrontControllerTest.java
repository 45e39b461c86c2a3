package io.statefront.storefront;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.recommendation.LatestRecommendations;
import io.statefront.stock.StockLevels;
import jakarta.servlet.http.Cookie;
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
		// as the application does: platform.web configures the part of htmx it uses
		excludeAutoConfiguration = HtmxMvcAutoConfiguration.class,
		// every request of the class comes from one address, faster than a shopper's
		properties = "statefront.limits.storefront-requests-per-second=100000")
@Import({ Catalogue.class, ProductCards.class, ShopPages.class, StorefrontSecurity.class, InCart.class,
		ProductPictures.class, LatestRecommendations.class, StorefrontControllerTest.Ports.class,
		CartControllerTest.Shop.class })
class StorefrontControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Ports ports;

	@Autowired
	ProductPictures pictures;

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
	void theQuantityOnOfferIsWhatIsLeftAndASoldOutProductCannotBeAdded() throws Exception {
		ports.levels.put("57", new StockLevels.Level(3, 20));
		assertThat(render("/shop/product/57", 200)).contains("<option value=\"1\">1</option>",
				"<option value=\"3\">3</option>")
			.doesNotContain("<option value=\"4\">")
			.contains("<button type=\"submit\" class=\"button\">Add to cart</button>");

		ports.levels.put("57", new StockLevels.Level(40, 20));
		assertThat(render("/shop/product/57", 200)).as("at most ten at a time")
			.contains("<option value=\"10\">10</option>")
			.doesNotContain("<option value=\"11\">");

		ports.levels.put("57", new StockLevels.Level(0, 20));
		assertThat(render("/shop/product/57", 200)).contains("Out of stock", "Sold out: nothing to add.",
				"<button type=\"submit\" class=\"button\" disabled=\"disabled\">Add to cart</button>",
				"<select name=\"quantity\" disabled=\"disabled\">");
	}

	@Test
	void everyProductHasAPictureOfItsKindAndNoTwoOfACategoryAreAlike() throws Exception {
		for (String illustration : pictures.illustrationsNamed()) {
			assertThat(pictures.has(illustration)).as(illustration).isTrue();
		}
		List<Product> knitwear = new Catalogue().inCategory("knitwear");
		Set<String> seen = new HashSet<>();
		for (Product product : knitwear) {
			MvcResult picture = mvc.perform(get("/shop/pictures/{id}.svg", product.id()))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Type", "image/svg+xml"))
				.andExpect(header().string("Cache-Control", "max-age=86400, public"))
				.andReturn();
			String svg = picture.getResponse().getContentAsString();
			assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
				.contains("aria-label=\"" + product.name() + "\"");
			seen.add(svg);
		}
		assertThat(seen).hasSameSizeAs(knitwear);
		assertThat(render("/shop/category/knitwear", 200)).contains("src=\"/shop/pictures/60.svg\"",
				"src=\"/shop/pictures/89.svg\"");

		assertThat(render("/shop/pictures/424242.svg", 200)).as("an item opened through the API: a parcel")
			.contains("aria-label=\"Item 424242\"");
		mvc.perform(get("/shop/pictures/abc.svg")).andExpect(status().isNotFound());
	}

	@Test
	void recommendationsNeverOfferASoldOutProductAndShowFiveWhenFiveAreInStock() throws Exception {
		for (int item = 60; item < 90; item++) {
			ports.levels.put(Integer.toString(item), new StockLevels.Level(5, 20));
		}
		ports.levels.put("61", new StockLevels.Level(0, 20));
		ports.levels.put("63", new StockLevels.Level(0, 20));

		String panel = render("/shop/recommended?items=60,61,62,63,64,65,66", 200);

		assertThat(recommendedIds(panel)).containsExactly("60", "62", "64", "65", "66");

		ports.levels.put("65", new StockLevels.Level(0, 20));
		ports.levels.put("66", new StockLevels.Level(0, 20));
		assertThat(recommendedIds(render("/shop/recommended?items=60,61,62,63,64,65,66", 200)))
			.as("filled from the same category, in stock")
			.containsExactly("60", "62", "64", "67", "68")
			.allSatisfy(id -> assertThat(new Catalogue().product(id).orElseThrow().category()).isEqualTo("Knitwear"));
		MvcResult viewed = mvc.perform(get("/shop/product/67")).andReturn();
		mvc.perform(asyncDispatch(viewed));
		Cookie recent = viewed.getResponse().getCookie(RecentViews.COOKIE);
		assertThat(recommendedIds(render(get("/shop/recommended?items=60,61,62,63,64,65,66").cookie(recent), 200)))
			.as("never what the shopper has just seen").containsExactly("60", "62", "64", "68", "69");
		assertThat(render("/shop/recommended", 200)).as("nothing pushed yet: an invitation, no cards")
			.contains("suggestions appear here").doesNotContain("class=\"card");
	}

	private static List<String> recommendedIds(String panel) {
		return Pattern.compile("href=\"/shop/product/(\\d+)\"")
			.matcher(panel)
			.results()
			.map(match -> match.group(1))
			.toList();
	}

	@Test
	void aBoostedLinkGetsThePagesContentOnlyWithItsTitle() throws Exception {
		Product product = new Catalogue().product("57").orElseThrow();

		String content = render(get("/shop/product/57").header("HX-Request", "true").header("HX-Boosted", "true"), 200);

		assertThat(content).contains("<title>" + product.name() + " · Statefront</title>", "id=\"page\"",
				product.description(), "id=\"add-to-cart\"")
			.doesNotContain("<html", "<header", "id=\"recommended\"", "<script");
		assertThat(render("/shop/product/57", 200)).contains("<html", "<header", "id=\"page\"", "id=\"recommended\"");
		assertThat(render(get("/shop/product/abc").header("HX-Request", "true").header("HX-Boosted", "true"), 404)).contains("No such product")
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
