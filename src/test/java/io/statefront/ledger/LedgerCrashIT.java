package io.statefront.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.history.AppliedChanges;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.CreditClient;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import io.statefront.support.history.Outcome;
import io.statefront.support.history.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's fault run: concurrent clients pay in and take out credit, on a few hot users and
 * many others, and read balances, while the packaged application is killed with {@code kill -9}
 * again and again (once while a checkpoint is being written) and restarted on the same data
 * directory. Clients keep going through every outage and afterwards retry, with the same
 * idempotency key, each write they never learned the outcome of. Then {@link BankChecker} judges
 * the history against the final balances and the functions' exactly-once log of applied changes.
 *
 * <p>{@code -Dstatefront.faults.cycles=10} makes the long run; CI runs {@value #CI_CYCLES} cycles.
 */
class LedgerCrashIT {

	private static final String PASSWORD = "crash-test";

	private static final int CI_CYCLES = 2;

	private static final int USERS = 20;

	/** Few enough writes reach each hot user that its 1,000 remembered idempotency keys cover them all. */
	private static final int HOT_USERS = 4;

	private static final long STARTING_CREDIT = 1_000;

	private static final int CLIENTS = 16;

	private static final int CREATING_CLIENTS = 2;

	private static final long OUTAGE_PAUSE_MILLIS = 200;

	/**
	 * This run's horizons (90 s) less the age a restore point can reach (checkpoints every second,
	 * given up after 5 s, one failure tolerated) and the replay after a restart.
	 */
	private static final Duration LONGEST_OUTAGE = Duration.ofSeconds(75);

	/**
	 * Horizons shorter than the restart after the kill takes, so that its newest restore point is
	 * older than nine tenths of them, with checkpoint settings that let them pass the start's check
	 * (CommandLogHorizon: a retained checkpoint may be a second old at most).
	 */
	private static final String OUTLIVED_HORIZONS = "5s";

	private static final String[] CHECKPOINTS_REACHING_A_SECOND = { "--statefront.flink.checkpoints-retained=1",
			"--statefront.flink.checkpoint-timeout=1s", "--statefront.flink.tolerable-failed-checkpoints=0" };

	@TempDir
	Path dataDir;

	private final History history = new History();

	@Test
	void everyAcknowledgedWriteSurvivesRepeatedKillMinusNineExactlyOnce() throws Exception {
		int cycles = Integer.getInteger("statefront.faults.cycles", CI_CYCLES);
		Random random = new Random(Long.getLong("statefront.faults.seed", 20261122L));
		Path log = Files.createDirectories(Path.of("target")).resolve("crash-test-app.log");
		Files.deleteIfExists(log);
		try (AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, log)) {
			String[] settings = { "--statefront.security.api-password=" + PASSWORD,
					"--statefront.flink.checkpoint-interval=1s", "--statefront.flink.checkpoint-min-pause=0s", "--statefront.gateway.reply-timeout=5s",
					"--statefront.flink.applied-change-log=true", "--statefront.simulator.enabled=false",
					// horizons short enough that idempotency keys are pruned in the run; longer than any outage
					// (LONGEST_OUTAGE), so than a client keeps retrying through one, and checkpoints that give up
					// soon enough for restore points to stay younger than them
					"--statefront.retention.idempotency-keys=90s", "--statefront.retention.finished-orders=90s",
					"--statefront.retention.open-orders=90s", "--statefront.flink.checkpoint-timeout=5s",
					"--statefront.flink.tolerable-failed-checkpoints=1" };
			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			CreditClient credit = new CreditClient(api, history);
			List<String> users = credit.openFundedUsers(USERS, STARTING_CREDIT);

			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger sequence = new AtomicInteger();
			// a lost answer is kept as null, so the map must accept nulls
			Map<String, String> createdIdByKey = Collections.synchronizedMap(new HashMap<>());
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			for (int client = 0; client < CLIENTS; client++) {
				Random choices = new Random(random.nextLong());
				boolean creating = client < CREATING_CLIENTS;
				clients.submit(() -> {
					while (running.get()) {
						if (creating) {
							String key = "create-" + sequence.incrementAndGet();
							String id = create(api, key);
							// through an outage a client keeps asking with its key, as a real one would
							while (id == null && running.get()) {
								Thread.sleep(OUTAGE_PAUSE_MILLIS);
								id = create(api, key);
							}
							createdIdByKey.put(key, id);
						}
						else {
							Operation attempt = operate(credit, users, choices, "op-" + sequence.incrementAndGet());
							while (!attempt.read() && attempt.status() == Outcome.NO_ANSWER && running.get()) {
								Thread.sleep(OUTAGE_PAUSE_MILLIS);
								attempt = credit.repeat(attempt);
							}
							if (attempt.status() == 503) {
								Thread.sleep(OUTAGE_PAUSE_MILLIS);
							}
						}
					}
					return null;
				});
			}

			List<String> killedInCheckpoint = new ArrayList<>();
			long began = System.nanoTime();
			for (int cycle = 0; cycle < cycles; cycle++) {
				Thread.sleep(2_000 + random.nextInt(3_000));
				if (cycle == Math.min(1, cycles - 1)) {
					killedInCheckpoint.add(killWhileCheckpointing(app, settings));
				}
				else {
					app.kill();
				}
				app.start(settings);
				app.awaitHealthy(Duration.ofMinutes(2));
			}
			Thread.sleep(2_000);
			running.set(false);
			// the restart after the kill inside a checkpoint passed the unfinished one over
			assertThat(app.log()).contains("resuming from").doesNotContain("resuming from " + killedInCheckpoint.get(0));
			clients.shutdown();
			assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			long loadSeconds = (System.nanoTime() - began) / 1_000_000_000;

			List<Operation> unresolved = history.unresolved();
			credit.settle();
			Map<String, Long> finalCredits = new LinkedHashMap<>();
			for (String user : users) {
				finalCredits.put("user/" + user, api.get("/users/credit/" + user).number("credit"));
			}
			List<AppliedChange> changes = AppliedChanges.read(app.kafkaBootstrapServers(), Duration.ofMinutes(1));
			Verdict verdict = BankChecker.check(history, changes, finalCredits);
			System.out.printf("Ledger fault run: %d kill -9 cycles in %d s (one inside %s), longest outage %d s, %d "
					+ "unresolved at the end of the load and retried; %s; %d users created under load%n", cycles,
					loadSeconds, killedInCheckpoint, app.longestOutage().toSeconds(), unresolved.size(), verdict.figures(), createdIdByKey.size());
			// past its horizon a retry is a new request, applied again: so a slower restart is no finding
			assertThat(app.longestOutage()).as("the longest outage, which this run's horizons must outlast")
				.isLessThan(LONGEST_OUTAGE);
			assertThat(verdict.problems()).isEmpty();
			assertThat(verdict.unresolved()).as("writes still unresolved after the retries").isZero();
			assertThat(verdict.ok()).as("writes acknowledged").isGreaterThan(100 * cycles);
			assertThat(verdict.unknownAttempts()).as("attempts the kills cut off").isPositive();

			// a repeat after the restarts, inside the idempotency horizon, is answered as the first time
			// and changes nothing (a 503 sent nothing, so its repeat would be a first attempt). The
			// horizon runs from a key's first use: keys first used more than 90 s ago may be forgotten,
			// and their repeat applied as new, so only younger keys are repeated (70 s leaves the
			// repeats 20 s)
			long insideHorizon = System.nanoTime() - Duration.ofSeconds(70).toNanos();
			List<Operation> settled = history.byKey()
				.values()
				.stream()
				.filter(attempts -> attempts.get(0).invoked() > insideHorizon)
				.map(LedgerCrashIT::known)
				.filter(operation -> operation.status() == 200 || operation.status() == 409)
				.limit(50)
				.toList();
			assertThat(settled).as("settled writes whose keys are inside the idempotency horizon").isNotEmpty();
			for (Operation first : settled) {
				Operation repeat = credit.repeat(first);
				assertThat(repeat.status()).as(first.key()).isEqualTo(first.status());
			}
			for (String user : users) {
				assertThat(api.get("/users/credit/" + user).number("credit")).isEqualTo(finalCredits.get("user/" + user));
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

			// an outage as long as the records that make a re-sent saga step a repeat: the functions
			// job does not resume (OutageGuard), its requests are refused, nothing is applied twice
			app.kill();
			app.start(Stream.concat(Stream.of(settings)
				.filter(setting -> !setting.startsWith("--statefront.flink.checkpoint-timeout=")
						&& !setting.startsWith("--statefront.flink.tolerable-failed-checkpoints="))
				.map(setting -> setting.startsWith("--statefront.retention.")
						? setting.substring(0, setting.indexOf('=')) + "=" + OUTLIVED_HORIZONS : setting),
					Stream.of(CHECKPOINTS_REACHING_A_SECOND))
				.toArray(String[]::new));
			Integer status = null;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (status == null && System.nanoTime() < deadline) {
				try {
					status = api.get("/users/credit/" + users.get(0)).status();
				}
				catch (RuntimeException notYetListening) {
					Thread.sleep(200);
				}
			}
			assertThat(status).as("a read while the functions job is not running").isEqualTo(503);
			assertThat(app.log()).contains("Flink job 'functions' not resumed from chk-",
					"too close to statefront.retention.finished-orders");
		}
	}

	/** Half the operations go to the hot users; a fifth are reads, the rest add or take credit. */
	private static Operation operate(CreditClient credit, List<String> users, Random choices, String key) {
		String user = users.get(choices.nextBoolean() ? choices.nextInt(HOT_USERS) : choices.nextInt(USERS));
		if (choices.nextInt(5) == 0) {
			return credit.read(user);
		}
		long amount = 1 + choices.nextInt(300);
		return credit.write(user, choices.nextBoolean() ? amount : -amount, key);
	}

	/**
	 * Kills the application while the functions job has a checkpoint folder without its
	 * {@code _metadata}: a checkpoint being written. Returns that folder; the restart must pass it
	 * over for the newest complete one. Folders an earlier kill left unfinished do not count, and
	 * should the checkpoint complete before the kill lands, the application is started again and
	 * the next one caught.
	 */
	private String killWhileCheckpointing(AppProcess app, String[] settings) throws Exception {
		Path functions = dataDir.resolve("checkpoints").resolve("functions");
		for (int attempt = 0; attempt < 5; attempt++) {
			Set<Path> leftBefore = unfinishedCheckpoints(functions);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			Optional<Path> caught = Optional.empty();
			while (caught.isEmpty() && System.nanoTime() < deadline) {
				caught = unfinishedCheckpoints(functions).stream().filter(path -> !leftBefore.contains(path)).findFirst();
				if (caught.isEmpty()) {
					Thread.sleep(1);
				}
			}
			assertThat(caught).as("a checkpoint of the functions job caught in progress within 30 s").isPresent();
			app.kill();
			if (!Files.exists(caught.get().resolve("_metadata"))) {
				return caught.get().toString();
			}
			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));
		}
		throw new AssertionError("Every checkpoint caught in progress completed before the kill landed");
	}

	private static Set<Path> unfinishedCheckpoints(Path jobDir) throws IOException {
		Set<Path> unfinished = new HashSet<>();
		try (Stream<Path> runs = Files.list(jobDir)) {
			for (Path run : runs.toList()) {
				try (Stream<Path> checkpoints = Files.list(run)) {
					checkpoints.filter(checkpoint -> checkpoint.getFileName().toString().startsWith("chk-"))
						.filter(checkpoint -> !Files.exists(checkpoint.resolve("_metadata")))
						.forEach(unfinished::add);
				}
				catch (IOException goneMeanwhile) {
					// an old run's folder the application cleaned up
				}
			}
		}
		return unfinished;
	}

	/** The id of the user created under {@code key}, or null when the answer was lost. */
	private static String create(Api api, String key) {
		try {
			Api.Response response = api.post("/users/create", key);
			return (response.status() == 201) ? response.text("user_id") : null;
		}
		catch (RuntimeException connectionLost) {
			return null;
		}
	}

	private static Operation known(List<Operation> attempts) {
		return History.answers(attempts).stream().findFirst().orElse(attempts.get(0));
	}

}
