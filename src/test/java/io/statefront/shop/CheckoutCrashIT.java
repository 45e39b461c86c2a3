package io.statefront.shop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged application with {@code kill -9} in the middle of concurrent checkouts,
 * restarts it on the same data directory, and checks that every order is either paid with its
 * stock and credit taken, or unpaid with nothing taken: stock + sold and credit + spent are
 * conserved for every item and user, and every answer a client got holds.
 */
class CheckoutCrashIT {

	private static final String PASSWORD = "crash-test";

	// scarce on purpose: each user can pay for two orders, and the items run out after about 120
	// orders, so however few checkouts a slow machine sends before the kill, many are refused, for
	// stock and for credit, each after something was taken and had to be given back

	private static final int USERS = 100;

	private static final int ITEMS = 30;

	private static final int ORDERS = 20_000;

	private static final long CREDIT = 5;

	private static final long STOCK = 8;

	private static final long PRICE = 1;

	private static final int CLIENTS = 16;

	@TempDir
	Path dataDir;

	@Test
	void everyOrderIsPaidWithItsStockAndCreditTakenOrUnpaidWithNothingTaken() throws Exception {
		Path log = Files.createDirectories(Path.of("target")).resolve("checkout-crash-test-app.log");
		Files.deleteIfExists(log);
		try (AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, log)) {
			String[] settings = { "--statefront.security.api-password=" + PASSWORD,
					"--statefront.flink.checkpoint-interval=1s", "--statefront.gateway.reply-timeout=5s",
					"--statefront.simulator.enabled=false" };
			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			assertThat(api.post("/payment/batch_init/" + USERS + "/" + CREDIT).status()).isEqualTo(200);
			assertThat(api.post("/stock/batch_init/" + ITEMS + "/" + STOCK + "/" + PRICE).status()).isEqualTo(200);
			assertThat(api.post("/orders/batch_init/" + ORDERS + "/" + ITEMS + "/" + USERS + "/" + PRICE).status())
				.isEqualTo(200);

			Map<Integer, Integer> statusByOrder = new ConcurrentHashMap<>();
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger nextOrder = new AtomicInteger();
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			for (int client = 0; client < CLIENTS; client++) {
				clients.submit(() -> {
					for (int order = nextOrder.getAndIncrement(); running.get() && order < ORDERS; order = nextOrder
						.getAndIncrement()) {
						statusByOrder.put(order, checkout(api, order));
					}
				});
			}
			Thread.sleep(5_000);
			app.kill();
			running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));

			long unknown = statusByOrder.values().stream().filter(CheckoutCrashIT::unknown).count();
			settle(api, statusByOrder);
			List<JsonNode> orders = all(api, ORDERS, order -> "/orders/find/" + order);
			Map<String, Long> spentByUser = new HashMap<>();
			Map<String, Long> soldByItem = new HashMap<>();
			long paid = 0;
			for (int order = 0; order < ORDERS; order++) {
				JsonNode found = orders.get(order);
				boolean isPaid = found.path("paid").asBoolean();
				Integer status = statusByOrder.get(order);
				assertThat(isPaid).as("order %d, answered %s", order, status).isEqualTo(status != null && status == 200);
				if (isPaid) {
					paid++;
					spentByUser.merge(found.path("user_id").asString(), found.path("total_cost").asLong(), Long::sum);
					for (JsonNode line : found.path("items")) {
						soldByItem.merge(line.get(0).asString(), line.get(1).asLong(), Long::sum);
					}
				}
			}
			System.out.printf("Checkout crash test: %d checkouts sent, %d without an answer at the crash, "
					+ "%d paid and %d refused once settled%n", statusByOrder.size(), unknown, paid,
					statusByOrder.size() - paid);
			assertThat(paid).as("orders paid").isGreaterThan(50);
			assertThat(statusByOrder.size() - paid).as("orders refused").isGreaterThan(50);

			List<JsonNode> users = all(api, USERS, user -> "/payment/find_user/" + user);
			for (int user = 0; user < USERS; user++) {
				long credit = users.get(user).path("credit").asLong();
				assertThat(credit + spentByUser.getOrDefault(Integer.toString(user), 0L)).as("credit + spent of user %d", user)
					.isEqualTo(CREDIT);
			}
			List<JsonNode> items = all(api, ITEMS, item -> "/stock/find/" + item);
			for (int item = 0; item < ITEMS; item++) {
				long stock = items.get(item).path("stock").asLong();
				assertThat(stock + soldByItem.getOrDefault(Integer.toString(item), 0L)).as("stock + sold of item %d", item)
					.isEqualTo(STOCK);
			}
		}
	}

	private static boolean unknown(int status) {
		return status != 200 && status != 409;
	}

	private static int checkout(Api api, int order) {
		try {
			return api.call("POST", "/orders/checkout/" + order, Map.of("Idempotency-Key", "checkout-" + order))
				.join()
				.status();
		}
		catch (RuntimeException connectionLost) {
			return -1;
		}
	}

	/** Repeats every checkout whose outcome the client never learned, with its key, until it does. */
	private static void settle(Api api, Map<Integer, Integer> statusByOrder) throws InterruptedException {
		for (Map.Entry<Integer, Integer> entry : statusByOrder.entrySet()) {
			int status = entry.getValue();
			for (int attempt = 0; unknown(status) && attempt < 20; attempt++) {
				status = checkout(api, entry.getKey());
				if (unknown(status)) {
					Thread.sleep(500);
				}
			}
			assertThat(unknown(status)).as("outcome of order %d", entry.getKey()).isFalse();
			entry.setValue(status);
		}
	}

	/**
	 * GETs {@code count} paths, a few hundred at a time, each expected to answer 200. A read that
	 * got no answer in time (504) is asked again: on a busy machine the restarted jobs may still be
	 * catching up, and a read changes nothing.
	 */
	private static List<JsonNode> all(Api api, int count, IntFunction<String> path) {
		List<JsonNode> bodies = new ArrayList<>();
		for (int from = 0; from < count; from += 500) {
			List<CompletableFuture<Response>> calls = IntStream.range(from, Math.min(count, from + 500))
				.mapToObj(i -> api.call("GET", path.apply(i), Map.of()))
				.toList();
			for (int i = 0; i < calls.size(); i++) {
				Response response = calls.get(i).join();
				for (int attempt = 0; response.status() == 504 && attempt < 5; attempt++) {
					response = api.get(path.apply(from + i));
				}
				assertThat(response.status()).isEqualTo(200);
				bodies.add(response.json());
			}
		}
		return bodies;
	}

}
