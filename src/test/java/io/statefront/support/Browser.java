package io.statefront.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium driven by Selenium, from Debian's {@code chromium} and {@code chromium-driver}.
 * Without them the browser tests are skipped, except in CI ({@code CI=true}), where
 * {@code .ci/run} installs them and their absence fails the tests.
 */
public final class Browser {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Browser() {
	}

	public static ChromeDriver open(int width, int height) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
			String why = "chromium and chromium-driver are not installed (Debian: apt-get install chromium chromium-driver)";
			if (Boolean.parseBoolean(System.getenv("CI"))) {
				Assertions.fail(why);
			}
			Assumptions.abort(why);
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=" + width + "," + height);
		// the console's messages, for the tests to find what the page itself logged (a refused inline
		// style, a script error)
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * Quits the browser, after checking that no page it showed had anything refused by its content
	 * security policy (an inline style htmx adds, an inline script).
	 */
	public static void quitAfterCheckingContentSecurityPolicy(ChromeDriver browser) {
		try {
			assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
				.as("what the pages logged: no content security policy refused anything")
				.extracting(LogEntry::getMessage)
				.noneMatch(message -> message.contains("Content Security Policy"));
		}
		finally {
			browser.quit();
		}
	}

}
