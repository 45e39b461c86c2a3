package io.statefront.storefront;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
		browser.quit();
	}

	@Test
	void aGuestBrowsingThreeKnitwearProductsIsRecommendedMoreKnitwearWithoutAReload() {
		api().post("/stock/batch_init/300/10/20");
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
	}

	@Test
	void aGuestAddsToCartChecksOutAndSeesTheNewCreditAndTheOrderInHistory() {
		api().post("/stock/batch_init/300/10/25");
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
		api().post("/stock/batch_init/300/3/25");
		browser.get(url("/shop/product/13"));
		new Select(browser.findElement(By.name("quantity"))).selectByValue("3");
		browser.findElement(By.cssSelector("#add-to-cart button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(driver -> driver.findElement(By.cssSelector("#add-to-cart .notice")));
		api().post("/stock/subtract/13/2");

		browser.get(url("/shop/cart"));
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
