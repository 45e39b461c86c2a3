package io.statefront.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.KafkaBrokerProcess;
import io.statefront.support.history.AppliedChanges;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.CreditClient;
import io.statefront.support.history.CreditLoad;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import io.statefront.support.history.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on an external Kafka broker, which is killed with {@code kill -9} under load
 * and restarted on its log a few seconds later, again and again: while it is gone requests are
 * refused (503) or run out (504) and nothing else breaks; once it is back the jobs recover from
 * their checkpoints by themselves, requests are answered again, and {@link BankChecker} finds every
 * acknowledged write applied once and every retry applied at most once.
 * {@code -Dstatefront.faults.cycles=10} makes the long run; CI runs {@value #CI_CYCLES}.
 */
class BrokerRestartIT {

	private static final String PASSWORD = "broker-test";

	private static final int CI_CYCLES = 1;

	private static final int USERS = 20;

	private static final long STARTING_CREDIT = 1_000_000;

	private static final int CLIENTS = 8;

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	@TempDir
	Path dataDir;

	@TempDir
	Path brokerDir;

	@Test
	void requestsAreRefusedWhileTheBrokerIsGoneAndEveryWriteAppliesOnceAfterItReturns() throws Exception {
		int cycles = Integer.getInteger("statefront.faults.cycles", CI_CYCLES);
		Path logs = Files.createDirectories(Path.of("target", "broker-restart-it"));
		for (String log : List.of("app.log", "broker.log")) {
			Files.deleteIfExists(logs.resolve(log));
		}
		History history = new History();
		try (KafkaBrokerProcess broker = new KafkaBrokerProcess(brokerDir, logs.resolve("broker.log"));
				AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, logs.resolve("app.log"))) {
			broker.start(Duration.ofMinutes(1));
			app.start("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
					"--statefront.security.api-password=" + PASSWORD, "--statefront.flink.checkpoint-interval=1s", "--statefront.flink.checkpoint-min-pause=0s",
					"--statefront.gateway.reply-timeout=3s", "--statefront.flink.applied-change-log=true",
					"--statefront.simulator.enabled=false", "--statefront.shop.seed-catalogue=false");
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			CreditClient credit = new CreditClient(api, history);
			List<String> users = credit.openFundedUsers(USERS, STARTING_CREDIT);

			StringBuilder outages = new StringBuilder();
			try (CreditLoad load = new CreditLoad(credit, users, CLIENTS, "load-", 20261122L)) {
				for (int cycle = 0; cycle < cycles; cycle++) {
					Thread.sleep(3_000);
					long killedAt = System.nanoTime();
					broker.kill();
					Thread.sleep(OUTAGE.toMillis());
					broker.start(Duration.ofMinutes(1));
					long brokerBack = System.nanoTime();
					app.awaitHealthy(Duration.ofMinutes(3));
					awaitAnswered(credit, users.get(0), Duration.ofMinutes(2));
					outages.append(String.format("%n  outage %d: broker back after %.1f s, writes answered again %.1f s "
							+ "later", cycle + 1, seconds(brokerBack - killedAt), seconds(System.nanoTime() - brokerBack)));
					Thread.sleep(2_000);
				}
			}
			List<Operation> duringOutages = history.attempts()
				.stream()
				.filter(attempt -> attempt.status() != 200)
				.toList();

			credit.settle();
			Map<String, Long> finalCredits = new LinkedHashMap<>();
			for (String user : users) {
				finalCredits.put("user/" + user, api.get("/users/credit/" + user).number("credit"));
			}
			List<AppliedChange> changes = AppliedChanges.read(broker.bootstrapServers(), Duration.ofMinutes(2));
			Verdict verdict = BankChecker.check(history, changes, finalCredits);
			System.out.printf("Broker restart run: %d kill -9 cycles of the broker%s%n  answers other than 200: %s%n  %s%n",
					cycles, outages, statusCounts(duringOutages), verdict.figures());
			assertThat(verdict.problems()).isEmpty();
			assertThat(verdict.unresolved()).isZero();
			assertThat(duringOutages).as("requests the outages refused or cut off").isNotEmpty();
		}
	}

	/** Waits until a write is answered 200 again: the pipeline works end to end. */
	private static void awaitAnswered(CreditClient credit, String user, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		int probe = 0;
		while (credit.write(user, 1, "probe-" + System.nanoTime() + "-" + probe++).status() != 200) {
			assertThat(System.nanoTime()).as("writes answered again within %s", limit).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private static Map<Integer, Long> statusCounts(List<Operation> attempts) {
		Map<Integer, Long> counts = new LinkedHashMap<>();
		attempts.stream().sorted((a, b) -> Integer.compare(a.status(), b.status()))
			.forEach(attempt -> counts.merge(attempt.status(), 1L, Long::sum));
		return counts;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
