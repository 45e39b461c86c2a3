package io.statefront.platform.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.statefront.console.ConsoleAdmin;
import io.statefront.support.Api;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a disk it finds too full: a threshold larger than any disk trips the
 * real guard on the real file system. Its own context (the shared one keeps a small margin), as
 * light as the stack allows, closed when done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DataDiskGuardIntegrationTest {

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void fullDisk(DynamicPropertyRegistry registry) {
		registry.add("statefront.data-dir", DATA_DIR::toString);
		registry.add("statefront.disk.min-free", () -> "100000TB");
		registry.add("statefront.kafka.embedded.port", () -> "0");
		registry.add("statefront.kafka.embedded.controller-port", () -> "0");
		registry.add("statefront.security.api-user", () -> IntegrationTest.API_USER);
		registry.add("statefront.security.api-password", () -> IntegrationTest.API_PASSWORD);
		registry.add("statefront.console.admin-user", () -> IntegrationTest.ADMIN);
		registry.add("statefront.console.admin-password", () -> IntegrationTest.ADMIN_PASSWORD);
		registry.add("statefront.flink.checkpoint-interval", () -> "1h");
		registry.add("statefront.simulator.enabled", () -> "false");
		registry.add("statefront.influx.managed.enabled", () -> "false");
		registry.add("statefront.shop.seed-catalogue", () -> "false");
	}

	private Api api() {
		return new Api("http://localhost:" + port, IntegrationTest.API_USER, IntegrationTest.API_PASSWORD);
	}

	private Api admin() {
		return new Api("http://localhost:" + port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
	}

	@Test
	void theApiRefusesWritesWithAProblemAndRetryAfterAndStillAnswersReads() {
		for (Api.Response refused : new Api.Response[] { api().post("/users/create"),
				admin().post("/stock/batch_init/10/5/1"), api().delete("/users/remove/1", "disk-test-1") }) {
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isEqualTo("60");
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.text("title")).isEqualTo("Disk nearly full");
			assertThat(refused.number("status")).isEqualTo(503);
			assertThat(refused.text("detail")).contains("nothing was sent");
		}
		// answered by the user function: the read went through the pipeline
		Api.Response read = api().get("/users/find/424242");
		assertThat(read.status()).isEqualTo(404);
		// unauthenticated writes are still refused as such first
		assertThat(new Api("http://localhost:" + port, null, null).post("/users/create").status()).isEqualTo(401);
	}

	@Test
	void healthAndReadinessAreDownWithTheGuardsFigures() {
		Api.Response health = api().get("/actuator/health");
		assertThat(health.status()).isEqualTo(503);
		var disk = health.json().path("components").path("dataDisk");
		assertThat(disk.path("status").asString()).isEqualTo("DOWN");
		assertThat(disk.path("details").path("threshold").asLong()).isEqualTo(100_000L << 40);
		assertThat(disk.path("details").path("free").asLong()).isPositive();
		assertThat(disk.path("details").path("total").asLong()).isPositive();
		assertThat(disk.path("details").path("refusingWrites").asBoolean()).isTrue();
		assertThat(health.json().path("components").has("diskSpace")).as("replaced by dataDisk").isFalse();

		Api.Response readiness = api().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json().path("components").path("dataDisk").path("status").asString()).isEqualTo("DOWN");
	}

	@Test
	void theStorefrontShowsAPageForAChangeAndKeepsItsPages() throws Exception {
		ConsoleAdmin shopper = ConsoleAdmin.anonymous(port);
		HttpResponse<String> product = shopper.get("/shop/product/7");
		assertThat(product.statusCode()).isEqualTo(200);

		HttpResponse<String> add = shopper.post("/shop/cart/items",
				Map.of("item", "7", "quantity", "1", "submission", "0123456789abcdef0123456789abcdef"));
		assertThat(add.statusCode()).isEqualTo(503);
		assertThat(add.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(add.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(add.headers().firstValue("HX-Retarget")).hasValue("#page");
		assertThat(add.body()).contains("The shop is closed for a moment", "Nothing was changed", "id=\"page\"")
			.doesNotContain("<header");

		assertThat(shopper.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void theConsoleShowsTheGuardAndItsActionsStayAllowed() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		String panels = admin.htmx("/console").body();
		assertThat(panels).contains("Data directory", "GUARD ON", "Disk guard on", "broker log", "checkpoints",
				DATA_DIR.toAbsolutePath().normalize().resolve("kafka").toString());

		HttpResponse<String> stopped = admin.post("/console/simulator", Map.of("eventsPerSecond", "0"));
		assertThat(stopped.statusCode()).isEqualTo(200);
		assertThat(stopped.body()).contains("Simulator stopped.");
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("statefront-disk-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
