package io.statefront.shop.storefront;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.support.Browser;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The storefront in a real headless Chromium: pages, and the recommendations panel filled live over STOMP. */
class StorefrontBrowserTest extends IntegrationTest {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

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
		browser.findElement(By.cssSelector("a[href='/shop/product/61']")).click();
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

		// whatever the shopper does next is pushed to this open page
		String shopper = browser.manage().getCookieNamed("JSESSIONID").getValue();
		String next = "pushed-" + UUID.randomUUID();
		kafka.send(ShopEvent.TOPIC, shopper, Json.write(new ShopEvent(next, shopper, ShopEventType.PRODUCT_VIEW, "62",
				"Knitwear", System.currentTimeMillis()))).join();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				driver -> next.equals(driver.findElement(By.id("recommended")).getAttribute("data-event")));
		assertThat(browser.executeScript("return window.performance.timeOrigin")).isEqualTo(page);
	}

	@Test
	void searchingFromTheHeaderShowsTheMatchingProducts() {
		browser.get(url("/"));
		WebElement search = browser.findElement(By.name("q"));
		search.sendKeys("merino");
		search.submit();

		assertThat(browser.getCurrentUrl()).endsWith("/shop/search?q=merino");
		assertThat(browser.findElements(By.cssSelector(".card .name"))).isNotEmpty()
			.allSatisfy(name -> assertThat(name.getText()).isNotBlank());
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
