package io.statefront.storefront;

import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.statefront.catalogue.Catalogue;
import io.statefront.platform.limits.LimitsProperties;
import io.statefront.stock.StockLevels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.authentication.rememberme.InMemoryTokenRepositoryImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The cart, checkout and order pages, full and as htmx fragments, behind the storefront's security
 * chain, on an in-memory ledger and order functions ({@link FakeShop}).
 */
@WebMvcTest(controllers = { CartController.class, CartAddController.class, CheckoutController.class,
		OrdersController.class },
		// as the application does: platform.web configures the part of htmx it uses
		excludeAutoConfiguration = HtmxMvcAutoConfiguration.class,
		// every request of the class comes from one address, faster than a shopper's
		properties = "statefront.limits.storefront-requests-per-second=100000")
@Import({ Catalogue.class, ProductCards.class, ShopPages.class, ShopperCart.class, StorefrontSecurity.class, CustomerSignIn.class,
		SignUps.class, InCart.class, StorefrontControllerTest.Ports.class, CartControllerTest.Shop.class })
class CartControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	StorefrontControllerTest.Ports ports;

	@Autowired
	FakeShop shop;

	private final MockHttpSession session = new MockHttpSession();

	@BeforeEach
	void openingStock() {
		ports.events.clear();
		shop.accounts.clear();
		shop.userByShopper.clear();
		shop.carts.clear();
		new Catalogue().products()
			.forEach(product -> ports.levels.put(product.id(), new StockLevels.Level(product.stock(), 20)));
	}

	@Test
	void aGuestsFirstAddMakesThemACustomerWithStartingCreditAndRemembersThem() throws Exception {
		MockHttpServletResponse added = perform(add("57", "2"), 302);

		assertThat(added.getRedirectedUrl()).isEqualTo("/shop/cart");
		assertThat(added.getCookie(StorefrontSecurity.REMEMBER_ME_COOKIE)).isNotNull();
		assertThat(shop.accounts).hasSize(1);
		assertThat(ports.events).containsExactly("cart 57");

		String cart = page(get("/shop/cart"), 200);
		assertThat(cart).contains("Welcome! You are customer 0, with 500 credits to spend. Added 2 × “",
				"Customer 0", "Your credit: <strong>500 credits</strong>", "Pay 40 credits", "<html");
		assertThat(page(get("/shop/cart"), 200)).as("a notice is shown once").doesNotContain("Welcome!");
	}

	@Test
	void anHtmxAddAnswersWithTheFormToSwapAFreshSubmissionAndTheAccountOutOfBand() throws Exception {
		String submission = UUID.randomUUID().toString();

		var answer = perform(add("57", "1", submission).header("HX-Request", "true"), 200);
		String fragment = answer.getContentAsString();

		// once, though the request was dispatched twice: to the handler, and with its answer
		assertThat(answer.getHeaders("Vary")).containsOnlyOnce("HX-Request");
		assertThat(fragment).doesNotContain("<html", "<header")
			.contains("id=\"add-to-cart\"", "Added 1 × “", "View your cart")
			.contains("id=\"account\"", "hx-swap-oob=\"true\"", "Customer 0")
			.containsPattern("name=\"submission\" value=\"[0-9a-f-]{36}\"")
			.doesNotContain(submission);
	}

	@Test
	void addsThatMakeNoSenseAreRefusedAndChangeNothing() throws Exception {
		assertThat(perform(add("300", "1"), 404).getContentAsString()).contains("No such product");
		assertThat(perform(add("57", "0"), 400).getContentAsString()).contains("Choose between 1 and 10");
		perform(add("57", "11"), 400);
		perform(add("57", "1.5"), 400);
		perform(add("57", "1", "../../etc"), 400);
		perform(add("57", "1").with(request -> {
			request.removeParameter("_csrf");
			return request;
		}), 403);
		perform(post("/shop/cart/items").param("item", "57").param("submission", UUID.randomUUID().toString()), 403);

		assertThat(shop.accounts).isEmpty();
		assertThat(shop.carts).isEmpty();
		assertThat(ports.events).isEmpty();
	}

	@Test
	void anAddForMoreThanIsLeftIsRefusedWithTheReasonAndChangesNothing() throws Exception {
		ports.levels.put("57", new StockLevels.Level(3, 20));
		String name = new Catalogue().product("57").orElseThrow().name();

		assertThat(page(add("57", "4"), 409)).contains("Nothing was added",
				"Only 3 “" + name + "” are left: you can add 3 more, not 4. Nothing was added.");
		assertThat(shop.accounts).as("a guest asking too much does not become a customer").isEmpty();

		perform(add("57", "2"), 302);
		String fragment = page(add("57", "2").header("HX-Request", "true"), 409);
		assertThat(fragment).contains("id=\"add-to-cart\"", "notice compact refused",
				"Only 3 “" + name + "” are left and your cart holds 2: you can add 1 more, not 2.")
			.contains("<option value=\"1\">1</option>")
			.doesNotContain("<option value=\"2\">");
		perform(add("57", "1"), 302);
		assertThat(page(add("57", "1"), 409))
			.contains("Your cart holds 3 “" + name + "”, and 3 are left: nothing was added.");

		ports.levels.put("58", new StockLevels.Level(0, 20));
		assertThat(page(add("58", "1"), 409)).contains("“" + new Catalogue().product("58").orElseThrow().name()
				+ "” is sold out: nothing was added.");
		assertThat(shop.carts.values()).singleElement()
			.satisfies(cart -> assertThat(CartLine.count(cart.lines())).isEqualTo(3));
	}

	@Test
	void theHeaderCountsTheCartsItemsAfterEveryChange() throws Exception {
		ports.levels.put("58", new StockLevels.Level(40, 20));
		assertThat(page(get("/shop/cart"), 200)).contains("<span class=\"cart-count\">0</span>");
		String fragment = page(add("57", "2").header("HX-Request", "true"), 200);
		assertThat(fragment).as("the account is swapped out of band with the new count")
			.contains("hx-swap-oob=\"true\"", "<span class=\"cart-count\">2</span>");
		perform(add("58", "3"), 302);
		assertThat(page(get("/shop/cart"), 200))
			.contains("<span class=\"cart-count\">5</span>");

		MockHttpServletRequestBuilder remove = post("/shop/cart/remove").param("item", "57")
			.param("submission", UUID.randomUUID().toString())
			.with(csrf());
		perform(remove, 302);
		assertThat(page(get("/shop/cart"), 200)).contains("<span class=\"cart-count\">3</span>");
		perform(checkout(), 302);
		assertThat(page(get("/shop/orders"), 200)).contains("<span class=\"cart-count\">0</span>");
	}

	@Test
	void theCartShowsLineTotalsAndWhatWouldRefuseThePaymentBeforeItIsTried() throws Exception {
		ports.levels.put("57", new StockLevels.Level(40, 20));
		ports.levels.put("58", new StockLevels.Level(40, 20));
		perform(add("57", "10"), 302);
		perform(add("57", "10"), 302);
		perform(add("58", "2"), 302);

		String ready = page(get("/shop/cart"), 200);
		assertThat(ready).contains("400 credits", "40 credits", "Pay 440 credits")
			.doesNotContain("before-pay")
			.containsPattern("<button type=\"submit\" class=\"button\">Pay 440 credits</button>");

		ports.levels.put("57", new StockLevels.Level(5, 20));
		perform(add("58", "10"), 302);
		perform(add("58", "3"), 302);
		String name = new Catalogue().product("57").orElseThrow().name();
		String bound = page(get("/shop/cart"), 200);
		assertThat(bound).contains("Only 5 left: you ask for 20",
				"Only 5 “" + name + "” are left, and your cart asks for 20.",
				"Your cart costs 700 credits: 200 more than your credit. Remove something to pay.")
			.contains("disabled=\"disabled\">Pay 700 credits</button>");

		// Pay stays the one true check: the form sent all the same is refused by the saga
		assertThat(perform(checkout(), 302).getRedirectedUrl()).isEqualTo("/shop/cart");
		assertThat(page(get("/shop/cart"), 200)).contains("Not enough stock: your cart has 20 × “" + name + "”");
		assertThat(shop.accounts.get("0").credit()).isEqualTo(500);
	}

	@Test
	void checkoutPaysAndTheOrderPageShowsTheNewCredit() throws Exception {
		perform(add("57", "2"), 302);

		MockHttpServletResponse paid = perform(checkout(), 302);

		assertThat(paid.getRedirectedUrl()).isEqualTo("/shop/orders/100");
		assertThat(page(get("/shop/orders/100"), 200)).contains("Thank you! Your order is paid: 40 credits",
				"Order 100", "Paid on <time>2026-11-30 00:53:20 UTC</time>",
				"Your credit now: <strong>460 credits</strong>", "/shop/pictures/57.svg");
		assertThat(page(get("/shop/orders"), 200)).contains("/shop/orders/100", "40 credits", "460 credits",
				"<time>2026-11-30 00:53:20 UTC</time>", "/shop/pictures/57.svg");
		assertThat(page(get("/shop/cart"), 200)).as("a new cart").contains("Your cart is empty");
		assertThat(ports.events).containsExactly("cart 57", "paid 100 40", "page Order", "page Your orders",
				"page Cart");
	}

	@Test
	void aRefusedCheckoutSaysPreciselyWhyAndChargesNothing() throws Exception {
		perform(add("57", "2"), 302);
		ports.levels.put("57", new StockLevels.Level(1, 20));

		assertThat(perform(checkout(), 302).getRedirectedUrl()).isEqualTo("/shop/cart");
		assertThat(page(get("/shop/cart"), 200)).contains("Not enough stock: your cart has 2 × “",
				"and only 1 are left. Nothing was charged.", "Your credit: <strong>500 credits</strong>");

		ports.levels.put("57", new StockLevels.Level(50, 200));
		perform(add("57", "10"), 302);
		perform(add("57", "10"), 302);
		perform(add("57", "10"), 302);
		perform(checkout(), 302);
		assertThat(page(get("/shop/cart"), 200)).contains(
				"Not enough credit: your cart costs 6,040 credits and you have 500. Nothing was charged.");
		assertThat(shop.accounts.get("0").credit()).isEqualTo(500);
		assertThat(ports.levels.get("57").stock()).isEqualTo(50);
	}

	@Test
	void removingAnItemLeavesTheRestOfTheCartAndASecondSendingChangesNothing() throws Exception {
		perform(add("57", "2"), 302);
		perform(add("58", "1"), 302);
		perform(add("57", "1"), 302);
		String submission = UUID.randomUUID().toString();
		MockHttpServletRequestBuilder remove = post("/shop/cart/remove").param("item", "57")
			.param("submission", submission)
			.with(csrf());

		assertThat(perform(remove, 302).getRedirectedUrl()).isEqualTo("/shop/cart");
		String cart = page(get("/shop/cart"), 200);
		assertThat(cart).contains("Removed “", "Pay 20 credits", "/shop/product/58").doesNotContain("/shop/product/57");

		perform(post("/shop/cart/remove").param("item", "57").param("submission", submission).with(csrf()), 302);
		assertThat(shop.carts).as("one new cart, not two").hasSize(2);
		assertThat(page(get("/shop/cart"), 200)).contains("Pay 20 credits");
	}

	@Test
	void aCustomerSeesTheirOwnOrdersOnly() throws Exception {
		perform(add("57", "1"), 302);
		perform(checkout(), 302);

		MockHttpSession someoneElse = new MockHttpSession();
		MvcResult started = mvc.perform(add("58", "1").session(someoneElse)).andReturn();
		mvc.perform(asyncDispatch(started));
		for (MockHttpSession other : new MockHttpSession[] { someoneElse, new MockHttpSession() }) {
			assertThat(render(get("/shop/orders/100").session(other), 404)).contains("No such order");
			assertThat(render(get("/shop/orders").session(other), 200)).doesNotContain("/shop/orders/100");
		}
		assertThat(page(get("/shop/orders/abc"), 404)).contains("No such order");
	}

	private MockHttpServletRequestBuilder add(String item, String quantity) {
		return add(item, quantity, UUID.randomUUID().toString());
	}

	private MockHttpServletRequestBuilder add(String item, String quantity, String submission) {
		return post("/shop/cart/items").param("item", item)
			.param("quantity", quantity)
			.param("submission", submission)
			.with(csrf());
	}

	private MockHttpServletRequestBuilder checkout() {
		return post("/shop/cart/checkout").param("submission", UUID.randomUUID().toString()).with(csrf());
	}

	private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
		return perform(request, status).getContentAsString();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, int status) throws Exception {
		return respond(request.session(session), status);
	}

	private String render(MockHttpServletRequestBuilder request, int status) throws Exception {
		return respond(request, status).getContentAsString();
	}

	private MockHttpServletResponse respond(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult started = mvc.perform(request).andReturn();
		MvcResult done = started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)).andReturn()
				: started;
		assertThat(done.getResponse().getStatus()).as(done.getResponse().getContentAsString()).isEqualTo(status);
		return done.getResponse();
	}

	/** The ledger and order functions in memory, and the remembered customers too. */
	@TestConfiguration
	@EnableConfigurationProperties(LimitsProperties.class)
	static class Shop {

		@Bean
		FakeShop fakeShop(StorefrontControllerTest.Ports ports) {
			return new FakeShop(ports.levels);
		}

		@Bean
		InMemoryTokenRepositoryImpl rememberedCustomers() {
			return new InMemoryTokenRepositoryImpl();
		}

	}

}
