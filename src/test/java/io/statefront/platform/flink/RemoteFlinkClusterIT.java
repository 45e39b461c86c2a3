package io.statefront.platform.flink;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.statefront.console.ConsoleAdmin;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.IntegrationTest;
import io.statefront.support.StandaloneFlinkCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application with {@code statefront.flink.mode=remote}, its jobs on a standalone
 * Flink cluster of two JVMs of its own that holds none of the application's classes: the jobs run
 * on what the application ships with them. Users with credit and items with stock go through
 * payments and checkouts (and simulated traffic through the analytics job); then an operator
 * rescales the functions job from parallelism 1 to 2 in the console, and every credit and stock
 * level is still there, new requests work, and a clean stop leaves a savepoint of each job and
 * nothing running on the cluster.
 */
class RemoteFlinkClusterIT {

	private static final String PASSWORD = "remote-test";

	private static final int SLOTS = 4;

	private static final int USERS = 8;

	private static final int ITEMS = 6;

	private static final long CREDIT = 1_000;

	private static final long STOCK = 100;

	private static final long PRICE = 7;

	@TempDir
	Path dataDir;

	@TempDir
	Path clusterDir;

	private final Map<String, Long> credits = new LinkedHashMap<>();

	private final Map<String, Long> stocks = new LinkedHashMap<>();

	@Test
	void theJobsRunOnARemoteClusterAndKeepEveryCreditAndStockLevelThroughARescale() throws Exception {
		long began = System.nanoTime();
		Path logs = Files.createDirectories(Path.of("target", "remote-flink-it"));
		for (String log : List.of("app.log", "jobmanager.log", "taskmanager.log")) {
			Files.deleteIfExists(logs.resolve(log));
		}
		try (StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(clusterDir, logs, SLOTS);
				AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, logs.resolve("app.log"))) {
			// side by side, as a compose file starts them: the application waits for the cluster
			cluster.start();
			app.start("--statefront.flink.mode=remote", "--statefront.flink.remote.port=" + cluster.restPort(),
					"--statefront.security.api-password=" + PASSWORD,
					"--statefront.console.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
					"--statefront.simulator.events-per-second=20", "--statefront.shop.seed-catalogue=false");
			cluster.awaitSlots(Duration.ofMinutes(1));
			long clusterUp = System.nanoTime();
			app.awaitHealthy(Duration.ofMinutes(2));
			long appUp = System.nanoTime();
			assertThat(cluster.activeJobs()).containsExactlyInAnyOrder("functions", "recommendations", "analytics");
			assertThat(parallelisms(cluster.runningJob("functions"))).containsOnly(1);

			Api api = app.api("api", PASSWORD);
			openAccountsAndItems(api);
			payAndCheckOut(api, 0);
			assertBooks(api);

			ConsoleAdmin admin = ConsoleAdmin.signedIn(app.httpPort());
			assertThat(admin.get("/console/checkpoints?job=functions").body()).contains("name=\"parallelism\"",
					"Runs with parallelism 1 (at most 128)");
			HttpResponse<String> outOfRange = admin.post("/console/checkpoints/functions/rescale",
					Map.of("parallelism", "129"));
			assertThat(outOfRange.statusCode()).isEqualTo(400);
			assertThat(outOfRange.body()).contains("Enter a parallelism from 1 to 128");
			HttpResponse<String> tooFewSlots = admin.post("/console/checkpoints/functions/rescale",
					Map.of("parallelism", "3"));
			assertThat(tooFewSlots.statusCode()).isEqualTo(409);
			assertThat(tooFewSlots.body()).contains("The cluster has 2 task slots for functions");
			assertThat(parallelisms(cluster.runningJob("functions"))).containsOnly(1);

			long rescaleBegan = System.nanoTime();
			HttpResponse<String> rescaled = admin.post("/console/checkpoints/functions/rescale",
					Map.of("parallelism", "2"));
			long rescaleTook = System.nanoTime() - rescaleBegan;
			assertThat(rescaled.statusCode()).isEqualTo(200);
			assertThat(rescaled.body()).contains("Rescaled functions to parallelism 2 from "
					+ dataDir.resolve("savepoints").resolve("functions").resolve("savepoint-"));
			assertThat(parallelisms(cluster.runningJob("functions"))).containsOnly(2);
			assertThat(admin.get("/console").body()).contains("The jobs run on the Flink cluster at");

			assertBooks(api);
			payAndCheckOut(api, 1);
			assertThat(api.post("/users/create").text("user_id")).isEqualTo(Integer.toString(USERS));
			assertBooks(api);
			// the analytics job (windows, CEP) runs on the cluster too: its results of the simulated traffic come
			// back once a 5 s event-time window has closed behind the watermark and been written
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(
						api.get("/analytics/metrics/page_views_per_second?minutes=5").json().path("points").size())
					.isPositive());

			assertThat(app.terminate(Duration.ofMinutes(2))).isTrue();
			assertThat(cluster.activeJobs()).isEmpty();
			for (String job : List.of("functions", "recommendations", "analytics")) {
				assertThat(RetainedCheckpoints.savepoints(dataDir.resolve("savepoints").resolve(job).resolve("on-stop").toString()))
					.as("savepoints of %s taken as the application stopped", job)
					.hasSize(1);
			}
			System.out.printf("Remote Flink cluster test: cluster up in %.1f s, application healthy in %.1f s, "
					+ "rescale 1 -> 2 took %.1f s, %.1f s in all%n", seconds(clusterUp - began), seconds(appUp - began),
					seconds(rescaleTook), seconds(System.nanoTime() - began));
		}
	}

	private void openAccountsAndItems(Api api) {
		for (int i = 0; i < USERS; i++) {
			String user = api.post("/users/create").text("user_id");
			assertThat(api.post("/users/credit/add/" + user + "/" + CREDIT).status()).isEqualTo(200);
			credits.put(user, CREDIT);
		}
		for (int i = 0; i < ITEMS; i++) {
			Api.Response created = api.post("/stock/item/create/" + PRICE);
			assertThat(created.status()).isEqualTo(201);
			String item = created.text("item_id");
			assertThat(api.post("/stock/add/" + item + "/" + STOCK).status()).isEqualTo(200);
			stocks.put(item, STOCK);
		}
	}

	/** Every user pays something, then checks out an order of two items; one checkout asks for too much. */
	private void payAndCheckOut(Api api, int round) {
		List<String> users = List.copyOf(credits.keySet());
		List<String> items = List.copyOf(stocks.keySet());
		for (int i = 0; i < users.size(); i++) {
			String user = users.get(i);
			long payment = 3L * (i + 1) + round;
			assertThat(api.post("/payment/pay/" + user + "/" + payment).status()).isEqualTo(200);
			credits.merge(user, -payment, Long::sum);

			String order = api.post("/orders/create/" + user).text("order_id");
			String first = items.get((i + round) % items.size());
			String second = items.get((i + round + 1) % items.size());
			long firstQuantity = 1 + i % 3;
			assertThat(api.post("/orders/addItem/" + order + "/" + first + "/" + firstQuantity).status()).isEqualTo(200);
			assertThat(api.post("/orders/addItem/" + order + "/" + second + "/2").status()).isEqualTo(200);
			assertThat(api.post("/orders/checkout/" + order).status()).isEqualTo(200);
			credits.merge(user, -PRICE * (firstQuantity + 2), Long::sum);
			stocks.merge(first, -firstQuantity, Long::sum);
			stocks.merge(second, -2L, Long::sum);
		}
		String greedy = api.post("/orders/create/" + users.get(0)).text("order_id");
		assertThat(api.post("/orders/addItem/" + greedy + "/" + items.get(0) + "/" + (STOCK + 1)).status()).isEqualTo(200);
		assertThat(api.post("/orders/checkout/" + greedy).status()).isEqualTo(409);
	}

	private void assertBooks(Api api) {
		credits.forEach((user, credit) -> assertThat(api.get("/users/credit/" + user).number("credit"))
			.as("credit of user %s", user)
			.isEqualTo(credit));
		stocks.forEach((item, stock) -> assertThat(api.get("/stock/find/" + item).number("stock"))
			.as("stock of item %s", item)
			.isEqualTo(stock));
	}

	private static List<Integer> parallelisms(JsonNode job) {
		return job.path("vertices").valueStream().map(vertex -> vertex.path("parallelism").asInt()).toList();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
