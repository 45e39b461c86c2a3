package io.statefront.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.statefront.ledger.LedgerCrashLoad;
import io.statefront.order.CheckoutCrashLoad;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.history.AppliedChanges;
import io.statefront.support.history.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's crash run: the packaged application is killed with {@code kill -9} again and again
 * (once while a checkpoint is being written) and restarted on the same data directory, while the
 * ledger's clients pay in, take out, read credit and create users ({@link LedgerCrashLoad}) and the
 * checkout clients check out orders of scarce items ({@link CheckoutCrashLoad}), side by side. Then
 * each load's checks: nothing acknowledged lost, nothing applied twice, nothing refused applied,
 * every saga as its answer says, every repeat answered as the first time, every create one id.
 *
 * <p>{@code -Dstatefront.faults.cycles=10} makes the long run; CI runs {@value #CI_CYCLES} cycles.
 */
class ShopCrashIT {

	private static final String PASSWORD = "crash-test";

	private static final int CI_CYCLES = 2;

	@TempDir
	Path dataDir;

	@Test
	void everyAcknowledgedWriteAndCheckoutSurvivesRepeatedKillMinusNineExactlyOnce() throws Exception {
		int cycles = Integer.getInteger("statefront.faults.cycles", CI_CYCLES);
		Random random = new Random(Long.getLong("statefront.faults.seed", 20261122L));
		Path log = Files.createDirectories(Path.of("target")).resolve("shop-crash-test-app.log");
		Files.deleteIfExists(log);
		try (AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, log)) {
			String[] settings = { "--statefront.security.api-password=" + PASSWORD,
					"--statefront.console.admin-password=" + PASSWORD, "--statefront.flink.checkpoint-interval=1s",
					"--statefront.flink.checkpoint-min-pause=0s", "--statefront.gateway.reply-timeout=5s",
					"--statefront.flink.applied-change-log=true", "--statefront.simulator.enabled=false",
					// horizons of a minute, so idempotency keys, saga records and paid orders are pruned while kills
					// land (paid orders are then read from the archive); longer than a client keeps retrying through
					// an outage, and checkpoints that give up soon enough for restore points to stay younger than
					// them. The refused orders stay open, and are read at the end: their horizon outlasts the run
					"--statefront.retention.idempotency-keys=60s", "--statefront.retention.finished-orders=60s",
					"--statefront.retention.open-orders=10m", "--statefront.flink.checkpoint-timeout=5s",
					"--statefront.flink.tolerable-failed-checkpoints=1" };
			app.start(settings);
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			CheckoutCrashLoad checkouts = new CheckoutCrashLoad(api);
			// first: the batch inits hold user ids 0 to 99, and the ledger's users are created after them
			checkouts.open(app.api("admin", PASSWORD));
			LedgerCrashLoad ledger = new LedgerCrashLoad(api, new Random(random.nextLong()));
			ledger.start();
			checkouts.start();

			List<String> killedInCheckpoint = new ArrayList<>();
			long began = System.nanoTime();
			for (int cycle = 0; cycle < cycles; cycle++) {
				Thread.sleep(3_000 + random.nextInt(2_000));
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
			ledger.stop();
			checkouts.stop();
			ledger.settle();
			checkouts.settle();
			long loadSeconds = (System.nanoTime() - began) / 1_000_000_000;
			// the restart after the kill inside a checkpoint passed the unfinished one over
			assertThat(app.log()).contains("resuming from").doesNotContain("resuming from " + killedInCheckpoint.get(0));

			Map<String, Long> credits = ledger.credits();
			ledger.repeatsInsideTheHorizonChangeNothing(credits);
			ledger.everyCreateSettlesOnAnIdOfItsOwn();
			Map<String, Long> shopBalances = checkouts.conservedBalances();
			List<AppliedChange> changes = AppliedChanges.read(app.kafkaBootstrapServers(), Duration.ofMinutes(1));
			Verdict ledgerVerdict = ledger.verdict(changes, credits);
			Verdict checkoutVerdict = checkouts.verdict(changes, shopBalances);
			List<String> sagaProblems = checkouts.sagaProblems(changes);
			System.out.printf("Shop crash run: %d kill -9 cycles in %d s (one inside %s); %d changes logged%n"
					+ "  ledger: %d writes unresolved at the end of the load and retried; %s; %d users created under load%n"
					+ "  checkouts: %d, %d unresolved at the end of the load and retried, %d paid and %d refused once "
					+ "settled; %s; %d sagas disagreeing with the log%n", cycles, loadSeconds, killedInCheckpoint,
					changes.size(), ledger.unresolvedAtTheEnd(), ledgerVerdict.figures(), ledger.usersCreatedUnderLoad(),
					checkouts.checkouts(), checkouts.unresolvedAtTheEnd(), checkouts.paid(),
					checkouts.checkouts() - checkouts.paid(), checkoutVerdict.figures(), sagaProblems.size());
			assertThat(ledgerVerdict.problems()).isEmpty();
			assertThat(ledgerVerdict.unresolved()).as("writes still unresolved after the retries").isZero();
			assertThat(ledgerVerdict.ok()).as("writes acknowledged").isGreaterThan(100 * cycles);
			assertThat(ledgerVerdict.unknownAttempts()).as("attempts the kills cut off").isPositive();
			assertThat(checkoutVerdict.problems()).isEmpty();
			assertThat(sagaProblems).isEmpty();
		}
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

}
