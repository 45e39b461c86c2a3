package io.statefront.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import io.statefront.support.Browser;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI in a real headless Chromium, as a user tries the API there: authorize as the API
 * user, open "find a user", "Try it out" with the documented example, "Execute". The request it
 * makes must be the one the API serves ({@code /users/find/0}, not the id's record fields), and
 * the answer must come back into the page.
 */
class SwaggerUiBrowserTest extends IntegrationTest {

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open(1366, 900);
	}

	@Test
	void tryingOutAnOperationWithItsExampleCallsTheApi() {
		// user 0, the id's documented example, exists with 100 credit
		assertThat(admin().post("/payment/batch_init/1/100").status()).isEqualTo(200);
		browser.get("http://localhost:" + port + "/swagger-ui.html");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		wait.until(driver -> !driver.findElements(By.id("operations-users-findUser")).isEmpty());

		browser.findElement(By.cssSelector("button.authorize")).click();
		browser.findElement(By.id("auth-basic-username")).sendKeys(API_USER);
		browser.findElement(By.id("auth-basic-password")).sendKeys(API_PASSWORD);
		browser.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
		browser.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();

		WebElement operation = browser.findElement(By.id("operations-users-findUser"));
		operation.findElement(By.cssSelector(".opblock-summary")).click();
		wait.until(driver -> !operation.findElements(By.cssSelector(".try-out__btn")).isEmpty());
		operation.findElement(By.cssSelector(".try-out__btn")).click();
		List<WebElement> fields = operation.findElements(By.cssSelector(".parameters input[type=text]"));
		assertThat(fields).as("the id's field: a text field, not a JSON object's").hasSize(1);
		assertThat(fields.get(0).getDomProperty("value")).as("the id's example, filled in").isEqualTo("0");
		operation.findElement(By.cssSelector("button.execute")).click();

		String status = wait.until(driver -> {
			List<WebElement> answered = operation
				.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"));
			return answered.isEmpty() ? null : answered.get(0).getText();
		});
		assertThat(operation.findElement(By.cssSelector(".request-url pre")).getText())
			.isEqualTo("http://localhost:" + port + "/users/find/0");
		assertThat(status).isEqualTo("200");
		assertThat(operation.findElement(By.cssSelector(".live-responses-table tr.response .highlight-code pre"))
			.getText()
			.replaceAll("\\s", "")).isEqualTo("{\"user_id\":\"0\",\"credit\":100}");
		List<LogEntry> errors = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.toList();
		assertThat(errors).as("errors in the browser's console").isEmpty();
	}

}
