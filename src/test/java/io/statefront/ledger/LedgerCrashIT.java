package io.statefront.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged application with {@code kill -9} under concurrent load, restarts it on the
 * same data directory, and checks the books: every acknowledged operation applied exactly once,
 * none that was refused applied, no credit below zero.
 */
class LedgerCrashIT {

	private static final String PASSWORD = "crash-test";

	private static final int USERS = 20;

	private static final long STARTING_CREDIT = 1_000;

	private static final int CLIENTS = 16;

	private static final int CREATING_CLIENTS = 2;

	@TempDir
	Path dataDir;

	/** One operation a client sent, under its own idempotency key, and what it heard back. */
	record Operation(String key, String userId, boolean add, long amount, int status) {

		boolean outcomeUnknown() {
			return status != 200 && status != 409;
		}

		Operation answered(int newStatus) {
			return new Operation(key, userId, add, amount, newStatus);
		}

		String path() {
			return "/users/credit/" + (add ? "add/" : "subtract/") + userId + "/" + amount;
		}

	}

	@Test
	void acknowledgedOperationsSurviveKillMinusNineExactlyOnce() throws Exception {
		Path log = Files.createDirectories(Path.of("target")).resolve("crash-test-app.log");
		Files.deleteIfExists(log);
		try (AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, log)) {
			String[] settings = { "--statefront.security.api-password=" + PASSWORD,
					"--statefront.flink.checkpoint-interval=1s", "--statefront.gateway.reply-timeout=5s",
					"--statefront.simulator.enabled=false" };
			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			List<String> users = createUsers(api);

			List<Operation> operations = Collections.synchronizedList(new ArrayList<>());
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			AtomicInteger sequence = new AtomicInteger();
			// a lost answer is kept as null, so the map must accept nulls
			Map<String, String> createdIdByKey = Collections.synchronizedMap(new HashMap<>());
			for (int client = 0; client < CLIENTS; client++) {
				Random random = new Random(client);
				boolean creating = client < CREATING_CLIENTS;
				clients.submit(() -> {
					while (running.get()) {
						if (creating) {
							String key = "create-" + sequence.incrementAndGet();
							createdIdByKey.put(key, create(api, key));
						}
						else {
							operations.add(send(api, new Operation("op-" + sequence.incrementAndGet(),
									users.get(random.nextInt(USERS)), random.nextBoolean(), 1 + random.nextInt(300), 0)));
						}
					}
				});
			}
			Thread.sleep(4_000);
			app.kill();
			running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));

			long unknown = operations.stream().filter(Operation::outcomeUnknown).count();
			List<Operation> settled = settle(api, operations);
			long acknowledged = settled.stream().filter(operation -> operation.status() == 200).count();
			System.out.printf("Crash test: %d credit operations sent, %d without an answer at the crash, "
					+ "%d applied and %d refused once settled; %d users created under load%n", settled.size(), unknown,
					acknowledged, settled.size() - acknowledged, createdIdByKey.size());
			assertThat(acknowledged).as("operations acknowledged before the crash").isGreaterThan(100);

			for (String user : users) {
				long credit = api.get("/users/credit/" + user).number("credit");
				assertThat(credit).as("credit of user %s", user).isEqualTo(expectedCredit(user, settled));
				assertThat(credit).isNotNegative();
			}
			// a repeat after the restart is answered as the first time and changes nothing
			for (Operation operation : settled.subList(0, 50)) {
				assertThat(send(api, operation).status()).as(operation.key()).isEqualTo(operation.status());
			}
			for (String user : users) {
				assertThat(api.get("/users/credit/" + user).number("credit")).isEqualTo(expectedCredit(user, settled));
			}

			// every create settles on one id of its own, and each of those users exists
			List<String> createdIds = new ArrayList<>();
			for (Map.Entry<String, String> created : createdIdByKey.entrySet()) {
				String id = created.getValue();
				for (int attempt = 0; id == null && attempt < 20; attempt++) {
					id = create(api, created.getKey());
				}
				assertThat(id).as("user created under %s", created.getKey()).isNotNull();
				assertThat(api.get("/users/find/" + id).status()).isEqualTo(200);
				createdIds.add(id);
			}
			assertThat(createdIds).as("ids handed out").doesNotHaveDuplicates().isNotEmpty();
		}
	}

	/** The id of the user created under {@code key}, or null when the answer was lost. */
	private static String create(Api api, String key) {
		try {
			Response response = api.post("/users/create", key);
			return (response.status() == 201) ? response.text("user_id") : null;
		}
		catch (RuntimeException connectionLost) {
			return null;
		}
	}

	private static List<String> createUsers(Api api) {
		List<String> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String id = api.post("/users/create").text("user_id");
			assertThat(api.post("/users/credit/add/" + id + "/" + STARTING_CREDIT).status()).isEqualTo(200);
			users.add(id);
		}
		return users;
	}

	/** Repeats every operation whose outcome the client never learned, with its key, until it does. */
	private static List<Operation> settle(Api api, List<Operation> operations) throws InterruptedException {
		List<Operation> settled = new ArrayList<>();
		for (Operation operation : new ArrayList<>(operations)) {
			Operation current = operation;
			for (int attempt = 0; current.outcomeUnknown() && attempt < 20; attempt++) {
				current = send(api, current);
				if (current.outcomeUnknown()) {
					Thread.sleep(500);
				}
			}
			assertThat(current.outcomeUnknown()).as("outcome of %s", current.key()).isFalse();
			settled.add(current);
		}
		return settled;
	}

	private static Operation send(Api api, Operation operation) {
		try {
			CompletableFuture<Response> call = api.call("POST", operation.path(), Map.of("Idempotency-Key",
					operation.key()));
			return operation.answered(call.join().status());
		}
		catch (RuntimeException connectionLost) {
			return operation.answered(-1);
		}
	}

	private static long expectedCredit(String user, List<Operation> settled) {
		Map<Boolean, Long> sums = new HashMap<>();
		settled.stream()
			.filter(operation -> operation.userId().equals(user) && operation.status() == 200)
			.forEach(operation -> sums.merge(operation.add(), operation.amount(), Long::sum));
		return STARTING_CREDIT + sums.getOrDefault(true, 0L) - sums.getOrDefault(false, 0L);
	}

}
