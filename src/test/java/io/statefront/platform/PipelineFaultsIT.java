package io.statefront.platform;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.console.ConsoleAdmin;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.RetainedCheckpoints;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.IntegrationTest;
import io.statefront.support.history.AppliedChanges;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.CreditClient;
import io.statefront.support.history.CreditLoad;
import io.statefront.support.history.History;
import io.statefront.support.history.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults of the pipeline while the web side stays up, judged by {@link BankChecker} like the
 * crash runs: the functions job cancelled under load on the Flink cluster (new requests are
 * refused with 503 and {@code Retry-After}, the ones in flight run out as 504, and after an
 * operator restarts it from its latest checkpoint every retry with the same key applies once);
 * then sustained overload far beyond what the pipeline can take, with a small bound on waiting
 * requests (the excess is refused with 503, the waiting ones never pass the bound, and everything
 * drains once the load stops).
 */
class PipelineFaultsIT {

	private static final String PASSWORD = "faults-test";

	private static final int USERS = 20;

	private static final long STARTING_CREDIT = 1_000_000;

	private static final int CLIENTS = 8;

	private static final int MAX_PENDING = 64;

	/** Requests the overload keeps in flight at once: far more than may wait for replies. */
	private static final int OVERLOAD_IN_FLIGHT = 1_000;

	/**
	 * How much more heap may stay in use after the overload than before it, both right after a
	 * full collection: room for what rightly grows (the functions' heap state remembers each
	 * write's idempotency key; meters and caches fill once), not for several thousand requests'
	 * worth of futures, records and answers kept by mistake.
	 */
	private static final double HEAP_GROWTH_ALLOWED = 128 * 1024 * 1024;

	private static final Pattern SUBMITTED_FUNCTIONS = Pattern
		.compile("Submitted Flink job 'functions' \\((\\w+)\\) with parallelism \\d+ to (http://[^,]+),");

	private static final HttpClient FLINK_REST = HttpClient.newHttpClient();

	@TempDir
	Path dataDir;

	private final History history = new History();

	private final Random random = new Random(20261122L);

	private final AtomicInteger sequence = new AtomicInteger();

	@Test
	void refusesAtOnceWhileTheJobIsDownShedsOverloadAndAppliesEveryRetryOnce() throws Exception {
		Path log = Files.createDirectories(Path.of("target")).resolve("pipeline-faults-app.log");
		Files.deleteIfExists(log);
		try (AppProcess app = new AppProcess(AppProcess.packagedJar(), dataDir, log)) {
			app.start("--statefront.security.api-password=" + PASSWORD,
					"--statefront.console.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
					"--statefront.flink.checkpoint-interval=1s", "--statefront.flink.checkpoint-min-pause=0s", "--statefront.gateway.reply-timeout=3s",
					"--statefront.gateway.max-pending=" + MAX_PENDING, "--statefront.flink.applied-change-log=true",
					"--statefront.simulator.enabled=false", "--statefront.shop.seed-catalogue=false");
			app.awaitHealthy(Duration.ofMinutes(2));
			Api api = app.api("api", PASSWORD);
			CreditClient credit = new CreditClient(api, history);
			List<String> users = credit.openFundedUsers(USERS, STARTING_CREDIT);

			String cancelled = cancelTheFunctionsJobUnderLoad(app, api, credit, users);
			String overload = overload(app, api, credit, users);

			credit.settle();
			Map<String, Long> finalCredits = new LinkedHashMap<>();
			for (String user : users) {
				finalCredits.put("user/" + user, api.get("/users/credit/" + user).number("credit"));
			}
			List<AppliedChange> changes = AppliedChanges.read(app.kafkaBootstrapServers(), Duration.ofMinutes(1));
			Verdict verdict = BankChecker.check(history, changes, finalCredits);
			System.out.printf("Pipeline faults run: %s; %s; %s%n", cancelled, overload, verdict.figures());
			assertThat(verdict.problems()).isEmpty();
			assertThat(verdict.unresolved()).isZero();
		}
	}

	/**
	 * Cancels the functions job on the cluster, as a failure or a careless operator would, while
	 * clients write; then restarts it from the console.
	 */
	private String cancelTheFunctionsJobUnderLoad(AppProcess app, Api api, CreditClient credit, List<String> users) throws Exception {
		try (CreditLoad load = new CreditLoad(credit, users, CLIENTS, "load-", random.nextLong())) {
			Thread.sleep(3_000);
			String[] submitted = lastSubmission(app.log());
			HttpResponse<String> cancel = FLINK_REST.send(HttpRequest
				.newBuilder(URI.create(submitted[1] + "/jobs/" + submitted[0] + "?mode=cancel"))
				.method("PATCH", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
			long cancelledAt = System.nanoTime();

			// reads go through the same gateway and change nothing, so probing needs no history
			Api.Response refused = api.get("/users/credit/" + users.get(0));
			while (refused.status() != 503) {
				assertThat(System.nanoTime() - cancelledAt).as("time until refused").isLessThan(30_000_000_000L);
				Thread.sleep(10);
				refused = api.get("/users/credit/" + users.get(0));
			}
			long refusedAfterMillis = (System.nanoTime() - cancelledAt) / 1_000_000;
			assertThat(refused.header("Retry-After")).isNotBlank();
			assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			Thread.sleep(2_000);
			int duringOutage = load.attempts();

			Path latest = Path.of(new RetainedCheckpoints(dataDir.resolve("checkpoints").resolve("functions").toString())
				.latestComplete()
				.orElseThrow());
			HttpResponse<String> restarted = ConsoleAdmin.signedIn(app.httpPort())
				.post("/console/checkpoints/functions/restart", Map.of("from", latest.toString(), "confirm", "true"));
			assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
			app.awaitHealthy(Duration.ofMinutes(1));
			Thread.sleep(2_000);
			return String.format("functions job cancelled under load: new requests refused with 503 after %d ms, "
					+ "%d attempts while it was down, restarted from %s", refusedAfterMillis, duringOutage,
					latest.getFileName());
		}
	}

	/**
	 * Keeps {@value #OVERLOAD_IN_FLIGHT} writes in flight for ten seconds, far beyond the pipeline's
	 * pace, sampling the gateway's waiting requests; then waits for them to drain.
	 */
	private String overload(AppProcess app, Api api, CreditClient credit, List<String> users) throws Exception {
		double heapBefore = heapAfterFullGc(app, api);
		Semaphore inFlight = new Semaphore(OVERLOAD_IN_FLIGHT);
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger shed = new AtomicInteger();
		int maxPendingSeen = 0;
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		AtomicBoolean sending = new AtomicBoolean(true);
		for (int sender = 0; sender < 4; sender++) {
			Random choices = new Random(random.nextLong());
			senders.submit(() -> {
				while (sending.get()) {
					inFlight.acquire();
					String user = users.get(choices.nextInt(USERS));
					long amount = 1 + choices.nextInt(100);
					String key = "overload-" + sequence.incrementAndGet();
					sent.incrementAndGet();
					credit.writeAsync(user, amount, key)
						.whenComplete((attempt, failure) -> {
							if (attempt != null && attempt.status() == 503) {
								shed.incrementAndGet();
							}
							inFlight.release();
						});
				}
				return null;
			});
		}
		while (System.nanoTime() < until) {
			maxPendingSeen = Math.max(maxPendingSeen, (int) gauge(api, "statefront.gateway.pending"));
			Thread.sleep(100);
		}
		sending.set(false);
		senders.shutdown();
		assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		assertThat(inFlight.tryAcquire(OVERLOAD_IN_FLIGHT, 2, TimeUnit.MINUTES)).as("every request answered").isTrue();
		long drainBegan = System.nanoTime();
		while (gauge(api, "statefront.gateway.pending") > 0) {
			assertThat(System.nanoTime() - drainBegan).as("time to drain").isLessThan(60_000_000_000L);
			Thread.sleep(100);
		}
		long drainMillis = (System.nanoTime() - drainBegan) / 1_000_000;
		double heapAfter = heapAfterFullGc(app, api);

		assertThat(maxPendingSeen).as("requests waiting for replies at once").isLessThanOrEqualTo(MAX_PENDING);
		// what stays after a full collection: the overload's requests must not linger in memory
		assertThat(heapAfter - heapBefore).as("heap kept after the overload, in bytes").isLessThan(HEAP_GROWTH_ALLOWED);
		assertThat(shed.get()).as("requests shed with 503").isPositive();
		assertThat(sent.get() - shed.get()).as("requests taken").isPositive();
		// drained: a request goes through again
		assertThat(credit.write(users.get(0), 1, "after-overload").status()).isEqualTo(200);
		return String.format("overload: %d writes in 10 s with %d in flight, %d shed with 503, at most %d of %d "
				+ "waiting for replies, drained in %d ms, heap after a full GC %.0f MB before and %.0f MB after", sent.get(),
				OVERLOAD_IN_FLIGHT, shed.get(), maxPendingSeen, MAX_PENDING, drainMillis,
				heapBefore / 1e6, heapAfter / 1e6);
	}

	/** The application's heap in use right after {@code jcmd GC.run} (a full collection). */
	private static double heapAfterFullGc(AppProcess app, Api api) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(app.pid()), "GC.run").redirectErrorStream(true).start();
		jcmd.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(jcmd.waitFor()).as("jcmd GC.run").isZero();
		return gauge(api, "jvm.memory.used?tag=area:heap");
	}

	private static double gauge(Api api, String metric) {
		return api.get("/actuator/metrics/" + metric).json().path("measurements").path(0).path("value").asDouble();
	}

	/** The id and cluster address of the functions job the log says was submitted last. */
	private static String[] lastSubmission(String log) {
		Matcher matcher = SUBMITTED_FUNCTIONS.matcher(log);
		String[] last = null;
		while (matcher.find()) {
			last = new String[] { matcher.group(1), matcher.group(2) };
		}
		assertThat(last).as("the functions job's submission in the log").isNotNull();
		return last;
	}

}
