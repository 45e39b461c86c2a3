package io.statefront.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
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
 * <p>
 * One browser serves every test of the JVM, as a person's serves one visit after another: each
 * test gets it with no cookies, no stored data, one blank tab, its own window size and an empty
 * console log, and gives it back with {@link #releaseAfterCheckingContentSecurityPolicy}; one that
 * cannot be cleaned is replaced. Starting and quitting a Chromium for each of the 14 tests took
 * one to two seconds each.
 */
public final class Browser {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static ChromeDriver shared;

	private Browser() {
	}

	/** The JVM's browser, as fresh as a new one, its window {@code width} by {@code height}. */
	public static synchronized ChromeDriver open(int width, int height) {
		if (shared != null) {
			try {
				clean(shared);
			}
			catch (RuntimeException unusable) {
				quietlyQuit(shared);
				shared = null;
			}
		}
		if (shared == null) {
			shared = start(width, height);
			ChromeDriver started = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> quietlyQuit(started)));
		}
		shared.manage().window().setSize(new Dimension(width, height));
		return shared;
	}

	/**
	 * Forgets everything the last test left: its tabs but one, its pages (a blank one shows, which
	 * closes their connections), every cookie and every origin's storage, and its console log.
	 */
	private static void clean(ChromeDriver browser) {
		List<String> tabs = List.copyOf(browser.getWindowHandles());
		for (String tab : tabs.subList(1, tabs.size())) {
			browser.switchTo().window(tab).close();
		}
		browser.switchTo().window(tabs.get(0));
		browser.get("about:blank");
		browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", "*", "storageTypes", "all"));
		browser.manage().logs().get(LogType.BROWSER);
	}

	private static void quietlyQuit(ChromeDriver browser) {
		try {
			browser.quit();
		}
		catch (RuntimeException alreadyGone) {
			// nothing to stop
		}
	}

	private static ChromeDriver start(int width, int height) {
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
	 * Gives the browser back for the next test, after checking that no page it showed had anything
	 * refused by its content security policy (an inline style htmx adds, an inline script).
	 */
	public static void releaseAfterCheckingContentSecurityPolicy(ChromeDriver browser) {
		assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
			.as("what the pages logged: no content security policy refused anything")
			.extracting(LogEntry::getMessage)
			.noneMatch(message -> message.contains("Content Security Policy"));
	}

}
