package io.statefront.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.statefront.analytics.EventSimulator;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.SimulatorSettings;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.support.Browser;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium: sign in, see the jobs running, take a checkpoint and
 * watch it arrive in the history, change a user's credit and see the change head their history;
 * panels update without a reload; charts gain points as results are pushed, and follow the
 * simulator's rate.
 */
class ConsoleBrowserTest extends IntegrationTest {

	@Autowired
	EventSimulator simulator;

	@Autowired
	MetricsStore store;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open(1366, 900);
	}

	@AfterEach
	void closeBrowser() {
		Browser.releaseAfterCheckingContentSecurityPolicy(browser);
	}

	@Test
	void anAdministratorSeesTheJobsTakesACheckpointAndChangesAUsersCredit() {
		browser.get(url("/console"));
		assertThat(browser.getCurrentUrl()).endsWith("/console/login");
		browser.findElement(By.name("username")).sendKeys(ADMIN);
		browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button")).click();

		List<String> running = waiting(driver -> {
			List<String> states = driver.findElements(By.cssSelector("table.jobs .status")).stream().map(WebElement::getText).toList();
			return states.size() == 3 && states.stream().allMatch("RUNNING"::equals) ? states : null;
		});
		assertThat(running).hasSize(3);
		assertThat(browser.getCurrentUrl()).as("the page asked for, as it was asked for").isEqualTo(url("/console"));

		browser.findElement(By.linkText("Checkpoints")).click();
		browser.findElement(By.linkText("functions")).click();
		browser.findElement(By.xpath("//button[text()='Checkpoint now']")).click();
		String message = waiting(driver -> text(driver, "#result .message"));
		assertThat(message).startsWith("Checkpoint completed: file:");
		String path = message.substring("Checkpoint completed: ".length());
		// the history panel refreshes itself every few seconds
		String row = waiting(driver -> driver.findElements(By.cssSelector("#history table.history tbody tr"))
			.stream()
			.map(WebElement::getText)
			.filter(text -> text.contains("COMPLETED") && text.contains(path.substring(path.lastIndexOf('/') - 10)))
			.findFirst()
			.orElse(null));
		assertThat(row).contains(path.substring(path.lastIndexOf("chk-") + 4));

		String user = api().post("/users/create").text("user_id");
		api().post("/users/credit/add/" + user + "/70");
		browser.findElement(By.linkText("Users & shop")).click();
		browser.findElement(By.name("user")).sendKeys(user);
		browser.findElement(By.xpath("//button[text()='Find user']")).click();
		String credit = waiting(driver -> text(driver, "dd.credit"));
		assertThat(credit).isEqualTo("70");
		Object page = browser.executeScript("return window.performance.timeOrigin");
		new Select(browser.findElement(By.name("change"))).selectByVisibleText("Subtract");
		browser.findElement(By.name("amount")).sendKeys("30");
		browser.findElement(By.xpath("//button[text()='Apply']")).click();
		String done = waiting(driver -> {
			String shown = text(driver, "#results .message");
			return (shown != null && shown.contains("now has")) ? shown : null;
		});
		assertThat(done).contains("now has 40");
		assertThat(text(browser, "dd.credit")).isEqualTo("40");
		assertThat(api().get("/users/credit/" + user).number("credit")).isEqualTo(40);
		assertThat(browser.executeScript("return window.performance.timeOrigin")).as("changed in place, no page load")
			.isEqualTo(page);
		// the account shown with the answer loads its history beneath it: the change just made on top
		List<String> history = waiting(driver -> {
			List<String> rows = driver.findElements(By.cssSelector("#user-history table.changes tbody tr"))
				.stream()
				.map(WebElement::getText)
				.toList();
			return (rows.size() == 2) ? rows : null;
		});
		assertThat(history.get(0)).contains("−30", "40", "subtract credit", "key ");
		assertThat(history.get(1)).contains("+70", "70", "add credit", "request ");
	}

	@Test
	void theChartsGainPointsLiveAndThePageViewRateFollowsTheSimulator() {
		signIn();
		try {
			// enough visitors that each of the topic's 12 partitions has events and event time moves
			setSimulator(40);
			browser.get(url("/console/analytics"));
			String live = waiting(driver -> "live".equals(text(driver, "#live")) ? "live" : null);
			assertThat(live).isEqualTo("live");
			// the page listens once it has drawn the range's history, which may hold other tests' traffic;
			// a window's result arrives some seconds after the window closes, the second one all at 40/s
			long drawn = latestWindow();
			long first = new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
				.until(driver -> latestWindow() > drawn ? latestWindow() : null);
			long second = new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
				.until(driver -> latestWindow() > first ? latestWindow() : null);
			assertThat(second).isGreaterThan(first);
			double slow = pageViewsPerSecond();
			assertThat(slow).isPositive();

			setSimulator(200);
			browser.get(url("/console/analytics"));
			double fast = new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
				.until(driver -> pageViewsPerSecond() > 3 * slow ? pageViewsPerSecond() : null);
			assertThat(fast).isGreaterThan(3 * slow);
		}
		finally {
			simulator.apply(new SimulatorSettings(false, 0));
		}
	}

	@Test
	void theAnalyticsPageWritesEachMetricInItsUnitAndItsTimesInUtc() {
		// one window's results as the analytics job emits them, the newest the store holds while this
		// test runs (and soon in the past, for the charts' test: its live windows must be newer)
		long end = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
		Map<String, Double> values = Map.of("page_views_per_second", 40.5, "active_users", 17.0, "bounce_rate", 0.24,
				"conversion_rate", 0.1375, "average_session_duration", 125.4, "revenue_per_user", 13.456);
		values.forEach((measurement, value) -> store.write(MetricResult.of(measurement, end - 5_000, end, value)));
		store.write(new MetricResult("top_pages", end - 60_000, end, 12, "url", "/shop/product/57"));
		await().atMost(Duration.ofSeconds(20)).until(() -> values.keySet().stream().allMatch(this::stored));

		signIn();
		browser.get(url("/console/analytics"));
		Map<String, String> shown = waiting(driver -> {
			Map<String, String> captions = new TreeMap<>();
			values.keySet().forEach(measurement -> captions.put(measurement, text(driver, "#chart-" + measurement + " .value")));
			return captions.values().stream().allMatch(caption -> caption != null && !caption.equals("—")) ? captions : null;
		});
		assertThat(shown).containsEntry("bounce_rate", "24 %")
			.containsEntry("conversion_rate", "13.8 %")
			.containsEntry("average_session_duration", "2 min 5 s")
			.containsEntry("revenue_per_user", "13.46 credits")
			.containsEntry("page_views_per_second", "40.5")
			.containsEntry("active_users", "17");
		String window = waiting(driver -> text(driver, ".window[data-for=\"top_pages\"]"));
		assertThat(window).isEqualTo("window ending "
				+ DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(end)));
	}

	@Test
	void theBreakdownsShowTheirSharesTheFunnelItsDropOffAndTheRevenueLostWhyAndOnWhat() {
		long end = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
		store.write(new MetricResult("visitors_by_device", end - 60_000, end, 30, "device", "desktop"));
		store.write(new MetricResult("visitors_by_device", end - 60_000, end, 10, "device", "mobile"));
		Map.of("product_view", 40, "add_to_cart", 10, "checkout", 5, "paid", 4)
			.forEach((step, visitors) -> store.write(new MetricResult("funnel", end - 60_000, end, visitors, "step", step)));
		store.write(new MetricResult("lost_revenue", end - 10_000, end, 50, "reason", "out_of_stock", false, "item", "7"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> List.of("visitors_by_device", "funnel", "lost_revenue").stream().allMatch(this::stored));

		signIn();
		browser.get(url("/console/analytics"));
		// 30 of 40 visitors; 10 of the 40 who saw a product added one to the cart (75 % dropped off), 4 of 5 paid
		assertThat(tabulated("#visitors_by_device tr:first-child")).isEqualTo("desktop 30 75 %");
		assertThat(tabulated("#funnel tr:nth-child(2)")).isEqualTo("Add to cart 10 75 %");
		assertThat(text(browser, "#funnel tr:nth-child(4)")).isEqualTo("Paid 4 20 %");
		assertThat(tabulated("#lost_revenue tr:first-child")).isEqualTo("out_of_stock · 7 50 100 %");
	}

	/** A table's row once the page has filled it. */
	private String tabulated(String css) {
		return waiting(driver -> {
			String row = text(driver, css);
			return (row == null || row.startsWith("Waiting") || row.startsWith("No ")) ? null : row;
		});
	}

	@Test
	void theTracesPageDrawsASlowRequestsHopsAndFindsTheTraceACallerQuotes() {
		String user = api().post("/users/create").text("user_id");
		String traceresponse = api().post("/users/credit/add/" + user + "/5").header("traceresponse");
		String traceId = traceresponse.split("-")[1];
		signIn();

		browser.findElement(By.linkText("Traces")).click();
		browser.findElement(By.name("trace")).sendKeys(traceresponse);
		browser.findElement(By.xpath("//button[text()='Find']")).click();

		WebElement found = waiting(driver -> driver.findElements(By.cssSelector("details.trace[open]")).stream()
			.filter(details -> details.getText().contains(traceId))
			.findFirst()
			.orElse(null));
		List<String> hops = found.findElements(By.cssSelector("table.hops tbody tr td:first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(hops).containsExactly("POST /users/credit/add/" + user + "/5", "users send", "users ADD_CREDIT",
				"user-events reply");
		// every hop a visible bar of the waterfall
		assertThat(found.findElements(By.cssSelector("table.hops svg rect"))).hasSize(4)
			.allSatisfy(bar -> assertThat(bar.getSize().getWidth()).isPositive());
	}

	private boolean stored(String measurement) {
		return store.history(measurement, Duration.ofMinutes(15)).stream().anyMatch(point -> point.time() > Instant.now().toEpochMilli());
	}

	private void signIn() {
		browser.get(url("/console/login"));
		browser.findElement(By.name("username")).sendKeys(ADMIN);
		browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button")).click();
		waiting(driver -> driver.findElements(By.cssSelector("table.jobs")).isEmpty() ? null : true);
	}

	private void setSimulator(int eventsPerSecond) {
		browser.get(url("/console/simulator"));
		WebElement running = browser.findElement(By.name("running"));
		if (!running.isSelected()) {
			running.click();
		}
		WebElement rate = browser.findElement(By.name("eventsPerSecond"));
		rate.clear();
		rate.sendKeys(Integer.toString(eventsPerSecond));
		browser.findElement(By.xpath("//button[text()='Apply']")).click();
		String done = waiting(driver -> text(driver, "#form .message"));
		assertThat(done).isEqualTo("Simulating " + eventsPerSecond + " events per second.");
	}

	/** The end of the newest window the page-views chart has drawn, epoch ms. */
	private long latestWindow() {
		return Long.parseLong(browser.findElement(By.id("chart-page_views_per_second")).getAttribute("data-latest"));
	}

	private double pageViewsPerSecond() {
		String value = browser.findElement(By.cssSelector("#chart-page_views_per_second .value")).getText().replace(",", "");
		return value.equals("—") ? 0 : Double.parseDouble(value);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private static String text(WebDriver driver, String css) {
		List<WebElement> found = driver.findElements(By.cssSelector(css));
		return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
	}

	/** Waits up to 20 s for a value, through the swaps htmx makes meanwhile. */
	private <T> T waiting(Function<WebDriver, T> value) {
		return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(value::apply);
	}

}
