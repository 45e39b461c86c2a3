import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Drives the application open-loop at fixed rates and reports throughput and latency. Two
 * workloads: {@code ledger} (reads and writes of credit, beside a baseline: the same endpoints
 * answered from an in-memory map by a server in this process) and {@code checkout} (checkouts of
 * batch-initialised orders, each a saga over two items and a user).
 *
 * <p>Open loop: requests are sent at their scheduled times whether or not earlier ones have been
 * answered, and each latency is measured from the scheduled time, so a stalled server shows up
 * as latency instead of silently slowing the load (no coordinated omission).
 *
 * <pre>
 * ./mvnw -q package -DskipTests && java bench/Benchmark.java ledger|checkout [seconds-per-step] [rate,rate,...]
 * BENCH_REFERENCE_JAR=main.jar java bench/Benchmark.java compare [seconds]   # see bench/compare-with-main.sh
 * BENCH_STOREFRONT_FLOOD=32 java bench/Benchmark.java ledger 30 1000   # the API beside a flood of product pages
 * BENCH_REFERENCE_JAR=target/statefront.jar BENCH_REFERENCE_APP_ARGS=--statefront.flink.applied-change-log=false \
 *     java bench/Benchmark.java compare 15   # one build against itself with other settings (BENCH_APP_ARGS: the tree's)
 * BENCH_TARGET_URL=http://localhost:8088 BENCH_CPU_PIDS="app=4711,4712 flink=4713" BENCH_PASSWORD=… \
 *     java bench/Benchmark.java ledger 30 250,500   # a running deployment (bench/scale-out.sh starts one)
 * </pre>
 *
 * <p>With {@code BENCH_TARGET_URL} it starts nothing and measures the deployment at that address
 * (no in-memory baseline beside it), and the CPU of the processes {@code BENCH_CPU_PIDS} names: a
 * list of process ids ({@code 4711,4712}), or of roles each with its ids ({@code app=4711,4712
 * flink=4713}), the first role's being the table's "app CPU" and every role's printed under each run.
 */
public class Benchmark {

	/** The API user's and the administrator's password (BENCH_PASSWORD): the application is started with it. */
	private static final String PASSWORD = System.getenv().getOrDefault("BENCH_PASSWORD", "bench");

	/** The batch inits are the administrator's: the application is started with this password for them too. */
	static final String ADMIN_AUTH = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());

	private static final int USERS = 1_000;

	/** The shop a checkout benchmark runs on: this many users, items and orders (BENCH_SHOP_SIZE). */
	private static final int SHOP_SIZE = Integer.parseInt(System.getenv().getOrDefault("BENCH_SHOP_SIZE", "100000"));

	private static final int CONNECTIONS = 64;

	/**
	 * Connections that flood the storefront with product pages during each measured run
	 * (BENCH_STOREFRONT_FLOOD; 0 for none): what a crawler or a crowd costs the API beside it.
	 */
	private static final int STOREFRONT_FLOOD = Integer.parseInt(System.getenv().getOrDefault("BENCH_STOREFRONT_FLOOD", "0"));

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newFixedThreadPool(4))
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	record Result(String target, int rate, double achieved, long ok, long failed, double p50, double p99,
			double max, double cpuCoresUsed) {

		boolean sustained() {
			return failed == 0 && achieved >= rate * 0.97 && p99 < 250;
		}

		String row() {
			return String.format("| %s | %,d | %,.0f | %,d | %.1f | %.1f | %.1f | %s | %s | %s |", target, rate, achieved,
					failed, p50, p99, max, Double.isNaN(cpuCoresUsed) ? "-" : String.format("%.2f", cpuCoresUsed),
					Double.isNaN(cpuCoresUsed) ? "-" : String.format("%.2f", 1000 * cpuCoresUsed / achieved),
					sustained() ? "yes" : "no");
		}

	}

	/**
	 * The processes whose CPU a run counts, by role (the first role's is the "app CPU"); none for a
	 * target whose processes are not this machine's.
	 */
	record Cpu(Map<String, List<Long>> roles) {

		static final Cpu NONE = new Cpu(Map.of());

		static Cpu of(long pid) {
			return new Cpu(Map.of("app", List.of(pid)));
		}

		/** {@code 1,2} (the app's) or {@code app=1,2 flink=3}. */
		static Cpu parse(String pids) {
			Map<String, List<Long>> roles = new java.util.LinkedHashMap<>();
			for (String role : pids.trim().split("\\s+")) {
				if (role.isEmpty()) {
					continue;
				}
				String[] named = role.contains("=") ? role.split("=", 2) : new String[] { "app", role };
				roles.put(named[0], Arrays.stream(named[1].split(",")).map(Long::parseLong).toList());
			}
			return new Cpu(roles);
		}

		/** Each role's CPU time so far, in clock ticks. */
		Map<String, Long> ticks() throws IOException {
			Map<String, Long> ticks = new java.util.LinkedHashMap<>();
			for (Map.Entry<String, List<Long>> role : roles.entrySet()) {
				long sum = 0;
				for (long pid : role.getValue()) {
					sum += cpuTicks(pid);
				}
				ticks.put(role.getKey(), sum);
			}
			return ticks;
		}

	}

	/** What a benchmark sends: requests by index within a step, on a target prepared for them. */
	interface Workload {

		int[] defaultRates();

		int[] warmUpRates();

		/** Readies the target at {@code url} for a step of {@code requests} requests. */
		void prepare(String url, String auth, int requests) throws Exception;

		/** Method and path of the step's request number {@code index}. */
		String[] request(SplittableRandom random, int index);

	}

	/** Half reads, a quarter adds, a quarter subtracts, over {@link #USERS} users with ample credit. */
	static final class LedgerWorkload implements Workload {

		private final Map<String, List<String>> usersByUrl = new ConcurrentHashMap<>();

		private List<String> users;

		@Override
		public int[] defaultRates() {
			return new int[] { 1_000, 2_000, 4_000, 6_000, 8_000 };
		}

		@Override
		public int[] warmUpRates() {
			return new int[] { 1_000, 2_000, 3_000, 4_000 };
		}

		@Override
		public void prepare(String url, String auth, int requests) throws Exception {
			if (!usersByUrl.containsKey(url)) {
				usersByUrl.put(url, createUsers(url, auth));
			}
			users = usersByUrl.get(url);
		}

		@Override
		public String[] request(SplittableRandom random, int index) {
			String user = users.get(random.nextInt(users.size()));
			return switch (random.nextInt(4)) {
				case 0, 1 -> new String[] { "GET", "/users/credit/" + user };
				case 2 -> new String[] { "POST", "/users/credit/add/" + user + "/1" };
				default -> new String[] { "POST", "/users/credit/subtract/" + user + "/1" };
			};
		}

	}

	/**
	 * Checkouts of distinct unpaid orders in a batch-initialised shop of {@link #SHOP_SIZE} users,
	 * items and orders, each order two random items for a random user, all with ample credit and
	 * stock: every checkout is a full saga that succeeds. When a step would run out of unpaid
	 * orders, the orders are initialised again first (outside the measured time).
	 */
	static final class CheckoutWorkload implements Workload {

		private boolean shopReady;

		private int ordersUsed = SHOP_SIZE;

		private int firstOrder;

		@Override
		public int[] defaultRates() {
			return new int[] { 250, 500, 1_000, 1_500, 2_000 };
		}

		@Override
		public int[] warmUpRates() {
			return new int[] { 250, 500, 1_000 };
		}

		@Override
		public void prepare(String url, String auth, int requests) throws Exception {
			if (!shopReady) {
				long started = System.nanoTime();
				batchInit(url, "/payment/batch_init/" + SHOP_SIZE + "/1000000000", auth);
				batchInit(url, "/stock/batch_init/" + SHOP_SIZE + "/1000000000/1", auth);
				System.out.printf("Batch init of %,d users and %,d items: %.1f s%n", SHOP_SIZE, SHOP_SIZE,
						(System.nanoTime() - started) / 1e9);
				shopReady = true;
			}
			if (ordersUsed + requests > SHOP_SIZE) {
				long started = System.nanoTime();
				batchInit(url, "/orders/batch_init/" + SHOP_SIZE + "/" + SHOP_SIZE + "/" + SHOP_SIZE + "/1", auth);
				System.out.printf("Batch init of %,d orders: %.1f s%n", SHOP_SIZE, (System.nanoTime() - started) / 1e9);
				ordersUsed = 0;
			}
			firstOrder = ordersUsed;
			ordersUsed += requests;
		}

		@Override
		public String[] request(SplittableRandom random, int index) {
			return new String[] { "POST", "/orders/checkout/" + (firstOrder + index) };
		}

	}

	public static void main(String[] args) throws Exception {
		String mode = (args.length > 0) ? args[0] : "ledger";
		if (mode.equals("compare")) {
			compare((args.length > 1) ? Integer.parseInt(args[1]) : 15);
			return;
		}
		Workload workload = workload(mode);
		boolean baselined = workload instanceof LedgerWorkload;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		int[] rates = (args.length > 2) ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
				: workload.defaultRates();
		String targetUrl = System.getenv().getOrDefault("BENCH_TARGET_URL", "");
		boolean remote = !targetUrl.isBlank();
		baselined = baselined && !remote;
		App app = remote ? null
				: App.start(Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/statefront.jar")), APP_ARGUMENTS);
		String url = remote ? targetUrl.replaceAll("/+$", "") : app.url();
		Cpu cpu = remote ? Cpu.parse(System.getenv().getOrDefault("BENCH_CPU_PIDS", "")) : Cpu.of(app.pid());
		HttpServer baseline = null;
		boolean failed = false;
		try {
			String baselineUrl = null;
			if (baselined) {
				baseline = startBaseline();
				baselineUrl = "http://localhost:" + baseline.getAddress().getPort();
			}
			warmUp(url, cpu, workload, WARM_UP_SECONDS);
			if (baselined) {
				run("warm-up", baselineUrl, AUTH, workload, 2_000, 10, Cpu.NONE);
			}

			List<Result> results = new ArrayList<>();
			for (int rate : rates) {
				results.add(run("statefront", url, AUTH, workload, rate, seconds, cpu));
				if (baselined) {
					results.add(run("baseline (map)", baselineUrl, AUTH, workload, rate, seconds, Cpu.NONE));
				}
			}

			System.out.println();
			if (remote) {
				System.out.printf("Target %s; RSS after the load by role: %s%n", url, rssByRole(cpu));
			}
			else {
				System.out.printf("Cold start to healthy: %.1f s; RSS after start %d MiB, after the load %d MiB%n",
						app.coldStartSeconds(), app.rssAfterStartKiB() / 1024, rssKiB(app.pid()) / 1024);
			}
			System.out.println();
			System.out.println("| target | offered ops/s | achieved ops/s | errors | p50 ms | p99 ms | max ms "
					+ "| app CPU (cores) | app CPU ms per op | sustained |");
			System.out.println("|---|---|---|---|---|---|---|---|---|---|");
			results.forEach(result -> System.out.println(result.row()));
			System.out.println();
			System.out.printf("Highest sustained rate (%s): statefront %,d ops/s", mode,
					highestSustained(results, "statefront"));
			System.out.println(baselined ? String.format(", baseline %,d ops/s",
					highestSustained(results, "baseline (map)")) : "");
		}
		catch (Exception ex) {
			// exit(0) below would otherwise hide the failure: no table, and a success to the shell
			ex.printStackTrace();
			failed = true;
		}
		finally {
			if (baseline != null) {
				baseline.stop(0);
			}
			if (app != null) {
				app.stop();
			}
			System.exit(failed ? 1 : 0);
		}
	}

	private static Workload workload(String name) {
		return switch (name) {
			case "ledger" -> new LedgerWorkload();
			case "checkout" -> new CheckoutWorkload();
			default -> throw new IllegalArgumentException("Workloads: ledger, checkout (or: compare)");
		};
	}

	/** Arguments for the application under test, such as {@code --statefront.simulator.enabled=false} (BENCH_APP_ARGS). */
	private static final String APP_ARGUMENTS = System.getenv().getOrDefault("BENCH_APP_ARGS", "");

	/** The warm-up's rates ({@code BENCH_WARM_UP_RATES}, e.g. {@code 250,500}; by default the workload's own). */
	private static final String WARM_UP_RATES = System.getenv().getOrDefault("BENCH_WARM_UP_RATES", "");

	/** Seconds of each warm-up rate ({@code BENCH_WARM_UP_SECONDS}, 20 by default). */
	private static final int WARM_UP_SECONDS = Integer
		.parseInt(System.getenv().getOrDefault("BENCH_WARM_UP_SECONDS", "20"));

	private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(("api:" + PASSWORD).getBytes());

	/**
	 * Until the JIT has compiled the hot paths: Spring, Kafka and Flink together keep the C2
	 * compiler busy for over a minute, and that CPU is not the steady state.
	 */
	private static void warmUp(String url, Cpu cpu, Workload workload, int seconds) throws Exception {
		int[] rates = WARM_UP_RATES.isBlank() ? workload.warmUpRates()
				: Arrays.stream(WARM_UP_RATES.split(",")).mapToInt(Integer::parseInt).toArray();
		for (int rate : rates) {
			run("warm-up", url, AUTH, workload, rate, seconds, cpu);
		}
	}

	/** The application under test: the packaged jar on a data directory, ports and password of its own. */
	record App(Process process, String url, double coldStartSeconds, long rssAfterStartKiB) {

		static App start(Path jar, String appArguments) throws Exception {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing; build it first: ./mvnw -q package -DskipTests");
			}
			List<String> command = new ArrayList<>(List.of(javaExecutable()));
			String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTS", "");
			if (!jvmOptions.isBlank()) {
				command.addAll(List.of(jvmOptions.trim().split("\\s+")));
			}
			Path dataDir = Files.createTempDirectory("statefront-bench-");
			int port = freePort();
			long launched = System.nanoTime();
			command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--statefront.data-dir=" + dataDir,
					"--statefront.security.api-password=" + PASSWORD, "--statefront.console.admin-password=" + PASSWORD,
					"--statefront.kafka.embedded.port=" + freePort(),
					"--statefront.kafka.embedded.controller-port=" + freePort(), "--logging.level.root=WARN"));
			if (!appArguments.isBlank()) {
				command.addAll(List.of(appArguments.trim().split("\\s+")));
			}
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dataDir.resolve("app.log").toFile())
				.start();
			String url = "http://localhost:" + port;
			try {
				awaitHealthy(url, process);
			}
			catch (Exception ex) {
				process.destroyForcibly();
				throw new IllegalStateException(ex.getMessage() + "; see " + dataDir.resolve("app.log"), ex);
			}
			return new App(process, url, (System.nanoTime() - launched) / 1e9, rssKiB(process.pid()));
		}

		long pid() {
			return process.pid();
		}

		void stop() throws InterruptedException {
			process.destroy();
			process.waitFor(30, TimeUnit.SECONDS);
			process.destroyForcibly();
		}

	}

	/** What one build did under each workload, for {@link #compare}. */
	record Measured(String build, Result ledger, Result checkout) {
	}

	/**
	 * The regression guard: the working tree's build (BENCH_JAR, else target/statefront.jar) against
	 * a reference build (BENCH_REFERENCE_JAR: main's), each started once and driven through the
	 * ledger at 2,000 ops/s and checkout at 500 checkouts/s for {@code seconds} after a short
	 * warm-up, the reference first; prints each figure and the ratio tree / reference. A shop of
	 * 20,000 users, items and orders (BENCH_SHOP_SIZE) keeps the preparation short.
	 */
	private static void compare(int seconds) throws Exception {
		Path tree = Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/statefront.jar"));
		String referenceJar = System.getenv("BENCH_REFERENCE_JAR");
		if (referenceJar == null || referenceJar.isBlank()) {
			throw new IllegalStateException("Set BENCH_REFERENCE_JAR to the reference build's jar (bench/compare-with-main.sh does)");
		}
		// the reference may be the same build with other settings (BENCH_REFERENCE_APP_ARGS), else it takes the tree's
		String referenceArguments = System.getenv().getOrDefault("BENCH_REFERENCE_APP_ARGS", APP_ARGUMENTS);
		List<Measured> builds = new ArrayList<>();
		for (int build = 0; build < 2; build++) {
			Path jar = (build == 0) ? Path.of(referenceJar) : tree;
			App app = App.start(jar, (build == 0) ? referenceArguments : APP_ARGUMENTS);
			try {
				Workload ledger = new LedgerWorkload();
				warmUp(app.url(), Cpu.of(app.pid()), ledger, Math.min(WARM_UP_SECONDS, 10));
				Result ledgerResult = run(jar.getFileName().toString(), app.url(), AUTH, ledger, 2_000, seconds,
						Cpu.of(app.pid()));
				Workload checkout = new CheckoutWorkload();
				warmUp(app.url(), Cpu.of(app.pid()), checkout, Math.min(WARM_UP_SECONDS, 10));
				Result checkoutResult = run(jar.getFileName().toString(), app.url(), AUTH, checkout, 500, seconds,
						Cpu.of(app.pid()));
				String arguments = (build == 0) ? referenceArguments : APP_ARGUMENTS;
				builds.add(new Measured(jar + (arguments.isBlank() ? "" : " " + arguments), ledgerResult,
						checkoutResult));
			}
			finally {
				app.stop();
			}
		}
		Measured reference = builds.get(0);
		Measured candidate = builds.get(1);
		System.out.println();
		System.out.println("| workload | figure | reference | tree | tree / reference |");
		System.out.println("|---|---|---|---|---|");
		compareRows("ledger 2,000/s", reference.ledger(), candidate.ledger());
		compareRows("checkout 500/s", reference.checkout(), candidate.checkout());
		System.out.println();
		System.out.println("reference: " + reference.build() + "; tree: " + candidate.build());
		System.out.println("CPU per 1,000 ops is the steadiest figure here: above 1.2 is worth a look, and a "
				+ "fall of the achieved rate below the offered one is a regression");
		System.exit(0);
	}

	private static void compareRows(String workload, Result reference, Result tree) {
		row(workload, "achieved ops/s", reference.achieved(), tree.achieved());
		row(workload, "p50 ms", reference.p50(), tree.p50());
		row(workload, "p99 ms", reference.p99(), tree.p99());
		row(workload, "app CPU ms per op", 1000 * reference.cpuCoresUsed() / reference.achieved(),
				1000 * tree.cpuCoresUsed() / tree.achieved());
	}

	private static void row(String workload, String figure, double reference, double tree) {
		System.out.printf("| %s | %s | %.2f | %.2f | %.2f |%n", workload, figure, reference, tree, tree / reference);
	}

	private static int highestSustained(List<Result> results, String target) {
		return results.stream().filter(r -> r.target().equals(target) && r.sustained()).mapToInt(Result::rate).max()
			.orElse(0);
	}

	/**
	 * {@link #CONNECTIONS} keep-alive connections take the workload's requests in schedule order,
	 * each waiting for its request's scheduled time (the wrk2 model): when all are busy, requests
	 * queue and their wait counts in their latency.
	 */
	private static Result run(String target, String url, String auth, Workload workload, int rate, int seconds,
			Cpu cpu) throws Exception {
		int total = rate * seconds;
		workload.prepare(url, auth, total);
		StorefrontFlood flood = (STOREFRONT_FLOOD > 0) ? StorefrontFlood.start(url, STOREFRONT_FLOOD) : null;
		Map<String, Long> cpuBefore = cpu.ticks();
		// on stderr, for a profiler to start with the measured run (the tables are on stdout)
		System.err.printf(Locale.ROOT, "measuring %s at %,d ops/s for %d s%n", target, rate, seconds);
		long[] latencies = new long[total];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long intervalNanos = 1_000_000_000L / rate;
		URI uri = URI.create(url);
		long start = System.nanoTime() + 10_000_000;
		List<Thread> connections = new ArrayList<>();
		for (int c = 0; c < CONNECTIONS; c++) {
			Thread connection = new Thread(() -> {
				SplittableRandom random = new SplittableRandom();
				HttpConnection http = null;
				for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
					long scheduled = start + i * intervalNanos;
					long wait = scheduled - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					String[] request = workload.request(random, i);
					int status;
					try {
						if (http == null || !http.isOpen()) {
							http = new HttpConnection(uri.getHost(), uri.getPort(), auth);
						}
						status = http.exchange(request[0], request[1]);
					}
					catch (IOException ex) {
						status = -1;
						http = null;
					}
					latencies[i] = System.nanoTime() - scheduled;
					if (status != 200) {
						failed.incrementAndGet();
					}
				}
				if (http != null) {
					http.close();
				}
			});
			connection.start();
			connections.add(connection);
		}
		for (Thread connection : connections) {
			connection.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		Map<String, Long> cpuAfter = cpu.ticks();
		Map<String, Double> coresByRole = new java.util.LinkedHashMap<>();
		cpuAfter.forEach((role, ticks) -> coresByRole.put(role, (ticks - cpuBefore.get(role)) / 100.0 / elapsed));
		double cores = coresByRole.isEmpty() ? Double.NaN : coresByRole.values().iterator().next();
		if (flood != null) {
			flood.stopAndReport(elapsed);
		}
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		Result result = new Result(target, rate, total / elapsed, total - failed.get(), failed.get(),
				millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6, cores);
		System.out.println(result.row());
		if (coresByRole.size() > 1) {
			double achieved = total / elapsed;
			StringBuilder roles = new StringBuilder("  CPU by role, cores (ms per op):");
			coresByRole.forEach((role, used) -> roles.append(String.format(Locale.ROOT, " %s %.2f (%.2f)", role, used,
					1000 * used / achieved)));
			double all = coresByRole.values().stream().mapToDouble(Double::doubleValue).sum();
			System.out.println(roles.append(String.format(Locale.ROOT, "; all %.2f (%.2f)", all, 1000 * all / achieved)));
		}
		return result;
	}

	/**
	 * Guests who read product pages as fast as their connections allow, without cookies (so
	 * without sessions, as a crawler), each page rendered and its events sent as for anyone.
	 */
	static final class StorefrontFlood {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();

		private final List<Thread> threads = new ArrayList<>();

		static StorefrontFlood start(String url, int connections) {
			StorefrontFlood flood = new StorefrontFlood();
			for (int c = 0; c < connections; c++) {
				Thread thread = new Thread(() -> {
					SplittableRandom random = new SplittableRandom();
					while (flood.running.get()) {
						int status;
						try {
							status = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/shop/product/" + random.nextInt(100)))
								.header("Accept", "text/html")
								.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
						}
						catch (IOException ex) {
							status = -1;
						}
						catch (InterruptedException ex) {
							return;
						}
						flood.statuses.computeIfAbsent(status, any -> new AtomicInteger()).incrementAndGet();
					}
				}, "storefront-flood-" + c);
				thread.setDaemon(true);
				thread.start();
				flood.threads.add(thread);
			}
			return flood;
		}

		void stopAndReport(double seconds) throws InterruptedException {
			running.set(false);
			for (Thread thread : threads) {
				thread.join(30_000);
			}
			int pages = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
			int serverErrors = statuses.entrySet().stream().filter(status -> status.getKey() >= 500 || status.getKey() < 0)
				.mapToInt(status -> status.getValue().get()).sum();
			System.out.printf(Locale.ROOT, "  storefront flood beside it: %d connections, %,d product pages (%.0f/s), statuses %s, 5xx or no answer %d%n",
					threads.size(), pages, pages / seconds, new java.util.TreeMap<>(statuses), serverErrors);
		}

	}

	/** One keep-alive HTTP/1.1 connection, just enough of the protocol for these requests. */
	static final class HttpConnection {

		private final Socket socket;

		private final java.io.BufferedInputStream in;

		private final OutputStream out;

		private final String host;

		private final String auth;

		HttpConnection(String host, int port, String auth) throws IOException {
			this.socket = new Socket(host, port);
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(30_000);
			this.in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
			this.out = socket.getOutputStream();
			this.host = host + ":" + port;
			this.auth = auth;
		}

		boolean isOpen() {
			return !socket.isClosed();
		}

		int exchange(String method, String path) throws IOException {
			out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + auth
					+ "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String statusLine = readLine();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			int contentLength = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = readLine(); !header.isEmpty(); header = readLine()) {
				String lower = header.toLowerCase();
				if (lower.startsWith("content-length:")) {
					contentLength = Integer.parseInt(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				for (int size = Integer.parseInt(readLine().trim(), 16); size > 0;
						size = Integer.parseInt(readLine().trim(), 16)) {
					in.readNBytes(size);
					readLine();
				}
				readLine();
			}
			else if (contentLength > 0) {
				in.readNBytes(contentLength);
			}
			if (close) {
				socket.close();
			}
			return status;
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new IOException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		void close() {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}

	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
	}

	private static List<String> createUsers(String url, String auth) throws Exception {
		List<String> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String body = call(url, "POST", "/users/create", auth);
			String id = body.replaceAll(".*\"user_id\":\"(\\d+)\".*", "$1");
			call(url, "POST", "/users/credit/add/" + id + "/1000000", auth);
			users.add(id);
		}
		return users;
	}

	/**
	 * A batch init as the administrator, whose they are; a reference build from before the roles
	 * (which knows no administrator on the API, 401) takes them from the API user.
	 */
	private static void batchInit(String url, String path, String apiAuth) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", ADMIN_AUTH)
			.build();
		int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status == 401) {
			call(url, "POST", path, apiAuth);
		}
		else if (status / 100 != 2) {
			throw new IllegalStateException("POST " + path + " -> " + status);
		}
	}

	private static String call(String url, String method, String path, String auth) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Authorization", auth)
			.build();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + path + " -> " + response.statusCode());
		}
		return response.body();
	}

	private static void awaitHealthy(String url, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited");
			}
			try {
				if (CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The application did not become healthy");
	}

	/** The ledger's endpoints over a map, with none of the pipeline behind them. */
	private static HttpServer startBaseline() throws IOException {
		Map<String, AtomicLong> credit = new ConcurrentHashMap<>();
		AtomicLong nextId = new AtomicLong();
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 1024);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/users/", exchange -> {
			String[] parts = exchange.getRequestURI().getPath().split("/");
			try {
				if (parts[2].equals("create")) {
					String id = Long.toString(nextId.getAndIncrement());
					credit.put(id, new AtomicLong());
					respond(exchange, 201, "{\"user_id\":\"" + id + "\"}");
					return;
				}
				String id = parts[2].equals("credit") && parts.length == 4 ? parts[3] : parts[4];
				AtomicLong account = credit.get(id);
				if (account == null) {
					respond(exchange, 404, "{\"title\":\"User not found\"}");
					return;
				}
				long value = switch (parts.length == 6 ? parts[3] : "read") {
					case "add" -> account.addAndGet(Long.parseLong(parts[5]));
					case "subtract" -> account.addAndGet(-Long.parseLong(parts[5]));
					default -> account.get();
				};
				respond(exchange, 200, "{\"user_id\":\"" + id + "\",\"credit\":" + value + "}");
			}
			catch (RuntimeException ex) {
				respond(exchange, 400, "{\"title\":\"Malformed request\"}");
			}
		});
		server.start();
		return server;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** User plus system CPU time of a process, in clock ticks (1/100 s on Linux). */
	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static String rssByRole(Cpu cpu) throws IOException {
		StringBuilder rss = new StringBuilder();
		for (Map.Entry<String, List<Long>> role : cpu.roles().entrySet()) {
			long kib = 0;
			for (long pid : role.getValue()) {
				kib += rssKiB(pid);
			}
			rss.append(rss.isEmpty() ? "" : ", ").append(role.getKey()).append(' ').append(kib / 1024).append(" MiB");
		}
		return rss.toString();
	}

	private static long rssKiB(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D+", "")))
			.findFirst()
			.orElse(0);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
