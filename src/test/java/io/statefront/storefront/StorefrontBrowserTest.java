package io.statefront.storefront;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.statefront.catalogue.Catalogue;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.support.Browser;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront in a real headless Chromium: pages, the recommendations panel filled live over
 * STOMP, and a guest shopping through to a paid order, or to a checkout refused for stock.
 */
class StorefrontBrowserTest extends IntegrationTest {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	Catalogue catalogue;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open(1280, 900);
	}

	@AfterEach
	void closeBrowser() {
		Browser.releaseAfterCheckingContentSecurityPolicy(browser);
	}

	@Test
	void aGuestBrowsingThreeKnitwearProductsIsRecommendedMoreKnitwearWithoutAReload() {
		admin().post("/stock/batch_init/300/10/20");
		// other shoppers looked at 62, 63 and 64 right after 60 and 61 (knitwear is 60–89)
		for (String shopper : List.of("browser-test-a", "browser-test-b")) {
			for (String item : List.of("60", "61", "62", "63", "64")) {
				ShopEvent view = new ShopEvent(shopper + "-" + item, shopper, ShopEventType.PRODUCT_VIEW, item,
						"Knitwear", System.currentTimeMillis());
				kafka.send(ShopEvent.TOPIC, shopper, Json.write(view)).join();
			}
		}

		browser.get(url("/shop/product/60"));
		browser.findElement(By.linkText("Knitwear")).click();
		shownWith(By.tagName("h1"), "Knitwear");
		browser.findElement(By.cssSelector("a[href='/shop/product/61']")).click();
		shownWith(By.tagName("h1"), catalogue.product("61").orElseThrow().name());
		browser.get(url("/shop/product/65"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
		Object page = browser.executeScript("return window.performance.timeOrigin");

		List<String> recommended = new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
			List<String> ids = driver.findElements(By.cssSelector("#recommended .card a"))
				.stream()
				.map(link -> link.getAttribute("href"))
				.map(href -> href.substring(href.lastIndexOf('/') + 1))
				.toList();
			return ids.isEmpty() ? null : ids;
		});

		assertThat(recommended).contains("62", "63", "64").doesNotContain("60", "61", "65");
		assertThat(recommended).allSatisfy(id -> assertThat(Integer.parseInt(id)).isBetween(60, 89));
		assertThat(browser.executeScript("return window.performance.timeOrigin")).as("the same page, not reloaded")
			.isEqualTo(page);

		// whatever the shopper does next, here in another tab, is pushed to this open page too
		String before = browser.findElement(By.id("recommended")).getAttribute("data-event");
		String firstTab = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB).get(url("/shop/product/66"));
		browser.switchTo().window(firstTab);
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				driver -> !Objects.equals(before, driver.findElement(By.id("recommended")).getAttribute("data-event")));
		assertThat(browser.executeScript("return window.performance.timeOrigin")).isEqualTo(page);

		// 63 sells out: the next push shows five all the same, none of them sold out
		api().post("/stock/subtract/63/10");
		String beforeSoldOut = browser.findElement(By.id("recommended")).getAttribute("data-event");
		browser.findElement(By.cssSelector("#page .crumbs a")).click();
		shownWith(By.tagName("h1"), "Knitwear");
		browser.findElement(By.cssSelector("#page a[href='/shop/product/67']")).click();
		waiting().until(driver -> !Objects.equals(beforeSoldOut,
				driver.findElement(By.id("recommended")).getAttribute("data-event")));
		waiting().until(driver -> recommendedIds().size() == 5 && !recommendedIds().contains("63"));
		assertThat(browser.findElements(By.cssSelector("#recommended .availability")))
			.extracting(WebElement::getText)
			.hasSize(5)
			.doesNotContain("Out of stock");
	}

	@Test
	void aGuestAddsToCartChecksOutAndSeesTheNewCreditAndTheOrderInHistory() {
		admin().post("/stock/batch_init/300/10/25");
		browser.get(url("/shop/product/12"));
		Object page = browser.executeScript("return window.performance.timeOrigin");
		new Select(browser.findElement(By.name("quantity"))).selectByValue("2");
		browser.findElement(By.cssSelector("#add-to-cart button")).click();

		WebElement added = new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(driver -> driver.findElement(By.cssSelector("#add-to-cart .notice")));
		assertThat(added.getText()).contains("Welcome! You are customer", "500 credits", "Added 2 ×");
		assertThat(browser.findElement(By.id("account")).getText()).as("the header knows the customer at once")
			.contains("Customer", "Orders");
		assertThat(browser.executeScript("return window.performance.timeOrigin")).as("added without a reload")
			.isEqualTo(page);

		browser.findElement(By.linkText("View your cart")).click();
		shownWith(By.cssSelector(".lines tfoot"), "50 credits");
		browser.findElement(By.cssSelector(".checkout button")).click();

		assertThat(shown(By.cssSelector(".notice.good")).getText())
			.contains("Thank you! Your order is paid: 50 credits");
		shownWith(By.cssSelector(".credit"), "Your credit now: 450 credits");
		String order = browser.findElement(By.tagName("h1")).getText();
		browser.findElement(By.linkText("Orders")).click();
		shownWith(By.tagName("h1"), "Your orders");
		assertThat(browser.findElement(By.cssSelector(".lines")).getText()).contains(order, "2", "50 credits");
		assertThat(browser.findElement(By.cssSelector(".credit")).getText()).contains("450 credits");
		assertThat(browser.executeScript("return window.performance.timeOrigin"))
			.as("links and forms within the shop swap the page's content in, the page stays").isEqualTo(page);
		assertThat(browser.getCurrentUrl()).endsWith("/shop/orders");
		assertThat(browser.getTitle()).isEqualTo("Your orders · Statefront");
	}

	@Test
	void anOutOfStockCheckoutShowsTheReasonAndChangesNothing() {
		admin().post("/stock/batch_init/300/3/25");
		browser.get(url("/shop/product/13"));
		new Select(browser.findElement(By.name("quantity"))).selectByValue("3");
		browser.findElement(By.cssSelector("#add-to-cart button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(driver -> driver.findElement(By.cssSelector("#add-to-cart .notice")));
		browser.get(url("/shop/cart"));
		// the stock goes after the cart was shown, before Pay: the checkout is the one true check
		api().post("/stock/subtract/13/2");
		browser.findElement(By.cssSelector(".checkout button")).click();

		assertThat(shown(By.cssSelector(".notice.refused")).getText())
			.isEqualTo("Not enough stock: your cart has 3 × “" + catalogue.product("13").orElseThrow().name()
					+ "”, and only 1 are left. Nothing was charged.");
		assertThat(browser.findElement(By.cssSelector(".credit")).getText()).contains("500 credits");
		assertThat(browser.findElement(By.cssSelector(".lines tbody")).getText()).as("the cart is as it was")
			.contains(catalogue.product("13").orElseThrow().name(), "3");
		assertThat(api().get("/stock/find/13").number("stock")).isEqualTo(1);
		browser.findElement(By.linkText("Orders")).click();
		shownWith(By.tagName("main"), "No orders yet");
	}

	@Test
	void everyProductOfACategoryHasAPictureAndNoTwoAreAlike() {
		browser.get(url("/shop/category/knitwear"));
		List<WebElement> pictures = browser.findElements(By.cssSelector("#page .card img.picture"));
		assertThat(pictures).hasSize(catalogue.inCategory("knitwear").size());
		browser.executeScript("arguments[0][arguments[0].length - 1].scrollIntoView()", pictures);
		waiting().until(driver -> (Boolean) browser.executeScript(
				"return [...document.querySelectorAll('#page .card img.picture')]"
						+ ".every(picture => picture.complete && picture.naturalWidth > 0)"));

		@SuppressWarnings("unchecked")
		List<String> drawn = (List<String>) browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				Promise.all([...document.querySelectorAll('#page .card img.picture')]
					.map(picture => fetch(picture.src).then(response => response.text())))
					.then(done);
				""");
		assertThat(Set.copyOf(drawn)).as("each picture drawn differently").hasSameSizeAs(pictures);
		assertThat(drawn).allSatisfy(svg -> assertThat(svg).startsWith("<svg"));
	}

	@Test
	void theQuantityOnOfferIsWhatIsLeftAndTheHeaderCountsTheCartWithoutAReload() {
		admin().post("/stock/batch_init/300/3/10");
		api().post("/stock/subtract/15/3");
		// pages read the live stock levels, which may be a fraction of a second behind the functions
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
			driver.get(url("/shop/product/14"));
			return quantitiesOnOffer().equals(List.of("1", "2", "3"));
		});
		Object page = browser.executeScript("return window.performance.timeOrigin");
		assertThat(quantitiesOnOffer()).containsExactly("1", "2", "3");
		assertThat(browser.findElement(By.cssSelector("#account .cart-count")).getText()).isEqualTo("0");

		new Select(browser.findElement(By.name("quantity"))).selectByValue("2");
		browser.findElement(By.cssSelector("#add-to-cart button")).click();
		shownWith(By.cssSelector("#add-to-cart .notice"), "Added 2 ×");
		assertThat(browser.findElement(By.cssSelector("#account .cart-count")).getText()).isEqualTo("2");
		assertThat(quantitiesOnOffer()).as("one left beyond the cart's two").containsExactly("1");

		browser.findElement(By.cssSelector("#add-to-cart button")).click();
		shownWith(By.cssSelector("#add-to-cart .notice"), "Added 1 ×");
		assertThat(browser.findElement(By.cssSelector("#account .cart-count")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.cssSelector("#add-to-cart button")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.cssSelector("#add-to-cart .why")).getText())
			.isEqualTo("No more left to add: your cart holds 3.");
		assertThat(browser.executeScript("return window.performance.timeOrigin")).as("added without a reload")
			.isEqualTo(page);

		browser.get(url("/shop/product/15"));
		assertThat(browser.findElement(By.cssSelector("#page .product .availability")).getText())
			.isEqualTo("Out of stock");
		assertThat(browser.findElement(By.cssSelector("#add-to-cart button")).isEnabled()).as("a sold-out add")
			.isFalse();
		assertThat(browser.findElement(By.name("quantity")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.cssSelector("#account .cart-count")).getText()).isEqualTo("3");

		browser.findElement(By.cssSelector("#account .cart-link")).click();
		shownWith(By.tagName("h1"), "Your cart");
		assertThat(browser.findElements(By.cssSelector(".lines .thumb img.picture"))).as("a thumbnail per line")
			.hasSize(1)
			.allSatisfy(picture -> assertThat(picture.getAttribute("src")).endsWith("/shop/pictures/14.svg"));
		assertThat(browser.findElement(By.cssSelector(".lines tbody")).getText()).contains("3", "30 credits");
	}

	@Test
	void onAPhoneTheCategoriesShowThatTheyScrollAndTheSignedInHeaderKeepsToTwoRows() {
		browser.manage().window().setSize(new Dimension(390, 844));
		admin().post("/stock/batch_init/300/10/10");
		browser.get(url("/shop/product/21"));

		WebElement categories = browser.findElement(By.cssSelector("nav.categories"));
		assertThat(((Number) browser.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth",
				categories)).intValue()).as("the bar scrolls").isPositive();
		assertThat((String) browser.executeScript("return getComputedStyle(arguments[0]).maskImage", categories))
			.as("and fades out at its edge, where it goes on").contains("linear-gradient");
		WebElement books = browser.findElement(By.linkText("Books"));
		int width = ((Number) browser.executeScript("return window.innerWidth")).intValue();
		assertThat(books.getRect().getX()).as("Books is off screen at first").isGreaterThan(width);
		browser.executeScript("arguments[0].scrollLeft = arguments[0].scrollWidth", categories);
		assertThat(books.getRect().getX() + books.getRect().getWidth()).as("and in view once scrolled")
			.isLessThan(width);

		browser.findElement(By.cssSelector("#add-to-cart button")).click();
		shownWith(By.cssSelector("#add-to-cart .notice"), "Welcome!");
		browser.navigate().refresh();
		int brand = browser.findElement(By.className("brand")).getRect().getY();
		int account = browser.findElement(By.id("account")).getRect().getY();
		int search = browser.findElement(By.cssSelector("form.search")).getRect().getY();
		assertThat(browser.findElement(By.id("account")).getText()).contains("Cart", "Orders", "Sign out");
		assertThat(Math.abs(account - brand)).as("the account beside the brand").isLessThan(12);
		assertThat(search).as("the search below them: two rows").isGreaterThan(brand + 20);
		assertThat(browser.findElement(By.cssSelector("header .bar")).getRect().getHeight()).isLessThan(130);

		browser.findElement(By.cssSelector("#account .cart-link")).click();
		WebElement remove = shown(By.cssSelector(".lines button.remove"));
		assertThat(remove.getRect().getHeight()).as("a comfortable touch target").isGreaterThanOrEqualTo(44);
		assertThat(remove.getRect().getWidth()).isGreaterThanOrEqualTo(44);
	}

	@Test
	void searchingFromTheHeaderShowsTheMatchingProducts() {
		browser.get(url("/"));
		WebElement search = browser.findElement(By.name("q"));
		search.sendKeys("merino");
		search.submit();

		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.getCurrentUrl().endsWith("/shop/search?q=merino"));
		shownWith(By.tagName("h1"), "merino");
		assertThat(browser.findElements(By.cssSelector(".card .name"))).isNotEmpty()
			.allSatisfy(name -> assertThat(name.getText()).isNotBlank());
	}

	@Test
	void aPageOpenedFromFarDownAnotherStartsAtItsTop() {
		browser.get(url("/shop/category/books"));
		List<WebElement> products = browser.findElements(By.cssSelector("#page .card a"));
		WebElement last = products.get(products.size() - 1);
		String name = last.findElement(By.className("name")).getText();
		browser.executeScript("arguments[0].scrollIntoView()", last);
		assertThat(((Number) browser.executeScript("return window.scrollY")).intValue()).isPositive();

		last.click();

		shownWith(By.tagName("h1"), name);
		assertThat(((Number) browser.executeScript("return window.scrollY")).intValue()).isZero();
	}

	private List<String> quantitiesOnOffer() {
		return new Select(browser.findElement(By.name("quantity"))).getOptions()
			.stream()
			.map(option -> option.getAttribute("value"))
			.toList();
	}

	private List<String> recommendedIds() {
		return browser.findElements(By.cssSelector("#recommended .card a"))
			.stream()
			.map(link -> link.getAttribute("href"))
			.map(href -> href.substring(href.lastIndexOf('/') + 1))
			.toList();
	}

	/** The element, once the page shows it: links and forms swap content in a moment after the click. */
	private WebElement shown(By locator) {
		return waiting().until(driver -> {
			List<WebElement> found = driver.findElements(locator);
			return found.isEmpty() ? null : found.get(0);
		});
	}

	private void shownWith(By locator, String text) {
		waiting().until(driver -> driver.findElements(locator)
			.stream()
			.anyMatch(element -> element.getText().contains(text)));
	}

	/** Waits out a swap: an element found just before it is replaced goes stale, and is looked up again. */
	private WebDriverWait waiting() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
