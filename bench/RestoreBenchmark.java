import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restore time and state size per entity. For each state backend in turn (RocksDB, then the heap),
 * starts the packaged jar as shipped (every job and the simulator on) on an empty data directory,
 * batch-initialises a million users and a million items (and open orders), has guests view
 * products on the storefront, and after each step waits for checkpoints that hold it: the size
 * deltas between steps give the bytes per user, item, open order and shopper. Then it kills the
 * application with {@code kill -9}, starts it again on the same data directory and times, from the
 * kill, the first HTTP answer, health UP with every job RUNNING, and the first read of a
 * batch-initialised user and item with the values they were given (a restore that lost state fails,
 * it does not pass as fast). The figures are printed as Markdown tables, with the build and date.
 *
 * <pre>
 * ./mvnw -q package -DskipTests && java bench/RestoreBenchmark.java [name=value ...] [--app.property=value ...]
 *
 *   users=1000000       users batch-initialised (POST /payment/batch_init/{n}/{money}), 1 to 1,000,000
 *   items=1000000       items batch-initialised (POST /stock/batch_init/{n}/{stock}/{price}), 1 to 1,000,000
 *   orders=100000       open orders batch-initialised (POST /orders/batch_init/{n}/{items}/{users}/{price}), 0 for none
 *   shoppers=20000      guests who each view products on the storefront's pages, 0 for none
 *   views=2             product pages each of them views
 *   backends=rocksdb,hashmap   the state backends, one after the other, each on an empty data directory;
 *                       a --statefront.flink.state-backend among the application's arguments runs that one only
 *   restarts=3          kill -9 and restart cycles, each timed (the machine's speed drifts: several say how much)
 *   sample=200          users, items and orders read back before the first kill and after each restart
 *   out=target/restore-...     the application's logs; the data directories too with keep-data=true
 *   keep-data=false     keep each data directory (by default deleted once its backend is measured)
 *   --name=value        passed to the application as it is (also BENCH_APP_ARGS; JVM options in
 *                       BENCH_APP_JVM_OPTS, none by default; another jar in BENCH_JAR)
 * </pre>
 */
public class RestoreBenchmark {

	private static final String PASSWORD = "restore";

	// the administrator's: the batch inits are theirs (the API user gets 403), and they may read too
	private static final String AUTH = "Basic "
			+ Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.US_ASCII));

	/** What the batch inits set: values no other path of the shop gives, so a read of them proves the init. */
	private static final long MONEY = 31_337;

	private static final long STOCK = 27_182;

	private static final long PRICE = 7;

	/** The demo catalogue's products, whose pages the shoppers view. */
	private static final int PRODUCTS = 300;

	/** Completed checkpoints taken after a step, of which the smallest is its size. */
	private static final int SETTLE_CHECKPOINTS = 3;

	/** How many requests of a batch init the gateway keeps in flight (RequestReplyGateway.BATCH_WINDOW). */
	private static final int BATCH_WINDOW = 256;

	private static final Duration RESTART_LIMIT = Duration.ofMinutes(20);

	private static final ExecutorService HTTP_THREADS = Executors.newFixedThreadPool(4, daemon("restore-http"));

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(HTTP_THREADS)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(?:Z|[+-]\\d\\d:\\d\\d))");

	record Settings(int users, int items, int orders, int shoppers, int views, List<String> backends, int restarts,
			int sample, Path out, boolean keepData, List<String> appArguments) {

		static Settings parse(String[] args) {
			Map<String, String> named = new LinkedHashMap<>();
			List<String> appArguments = new ArrayList<>();
			String environment = System.getenv().getOrDefault("BENCH_APP_ARGS", "");
			if (!environment.isBlank()) {
				appArguments.addAll(List.of(environment.trim().split("\\s+")));
			}
			for (String arg : args) {
				if (arg.startsWith("--")) {
					appArguments.add(arg);
					continue;
				}
				int equals = arg.indexOf('=');
				if (equals <= 0) {
					throw new IllegalArgumentException("Arguments are name=value or --app.property=value: " + arg);
				}
				named.put(arg.substring(0, equals), arg.substring(equals + 1));
			}
			List<String> known = List.of("users", "items", "orders", "shoppers", "views", "backends", "restarts",
					"sample", "out", "keep-data");
			named.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
				throw new IllegalArgumentException("Unknown argument " + name + "; known: " + known);
			});
			Optional<String> chosen = appArguments.stream()
				.filter(arg -> arg.startsWith("--statefront.flink.state-backend="))
				.reduce((first, second) -> second)
				.map(arg -> arg.substring(arg.indexOf('=') + 1).toLowerCase(Locale.ROOT));
			if (chosen.isPresent() && named.containsKey("backends")) {
				throw new IllegalArgumentException("Either backends= or --statefront.flink.state-backend=, not both");
			}
			List<String> backends = chosen.map(List::of)
				.orElseGet(() -> List.of(named.getOrDefault("backends", "rocksdb,hashmap").split(",")));
			String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
			Settings settings = new Settings(Integer.parseInt(named.getOrDefault("users", "1000000")),
					Integer.parseInt(named.getOrDefault("items", "1000000")),
					Integer.parseInt(named.getOrDefault("orders", "100000")),
					Integer.parseInt(named.getOrDefault("shoppers", "20000")),
					Integer.parseInt(named.getOrDefault("views", "2")), backends,
					Integer.parseInt(named.getOrDefault("restarts", "3")),
					Integer.parseInt(named.getOrDefault("sample", "200")),
					Path.of(named.getOrDefault("out", "target/restore-" + stamp)).toAbsolutePath(),
					Boolean.parseBoolean(named.getOrDefault("keep-data", "false")), List.copyOf(appArguments));
			// the API's own bounds for a batch; a shopper views at least one page
			if (settings.users < 1 || settings.users > 1_000_000 || settings.items < 1 || settings.items > 1_000_000
					|| settings.orders < 0 || settings.orders > 1_000_000 || settings.shoppers < 0 || settings.views < 1
					|| settings.restarts < 1 || settings.sample < 1 || backends.stream().anyMatch(b -> !b.equals("rocksdb") && !b.equals("hashmap"))) {
				throw new IllegalArgumentException("Out of range: " + settings);
			}
			return settings;
		}

		/** The backend's setting, unless the application's arguments already choose it. */
		List<String> appArgumentsFor(String backend) {
			List<String> arguments = new ArrayList<>(appArguments);
			if (arguments.stream().noneMatch(arg -> arg.startsWith("--statefront.flink.state-backend="))) {
				arguments.add("--statefront.flink.state-backend=" + backend);
			}
			return arguments;
		}

	}

	/**
	 * One completed checkpoint of a job as the application's checkpoint history keeps it, with the
	 * state size of each task, by the name of its first operator.
	 */
	record Checkpoint(String run, long id, long triggeredAt, long durationMs, long full, long incremental, String path,
			Map<String, Long> tasks) {

		long task(String name) {
			return tasks.getOrDefault(name, -1L);
		}

	}

	/** What a step left: its duration and the checkpoints and heap measured once it was in. */
	record Step(String name, long count, double seconds, Checkpoint functions, Checkpoint recommendations, long heap,
			String note) {
	}

	/** The restart after {@code kill -9}, in seconds from the kill; -1 when it never came. */
	record Restore(Checkpoint beforeKill, long checkpointFolderBytes, Checkpoint restored, double http, double up,
			double user, double item, Map<String, Double> phases, String verified, String load) {

		double serving() {
			return (user < 0 || item < 0) ? -1 : Math.max(user, item);
		}

	}

	record Result(String backend, String maxHeap, double coldStart, List<Step> steps, List<Restore> restores,
			long rocksDbBytes, long failedCheckpoints, String failure, List<String> notes) {

		Optional<Step> step(String name) {
			return steps.stream().filter(step -> step.name().equals(name)).findFirst();
		}

	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Path jar = jar();
		String build = buildOf(jar);
		Files.createDirectories(settings.out());
		String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTS", "").trim();
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now());
		System.out.printf("Restore benchmark of %s (build %s), %s UTC: %,d users, %,d items, %,d open orders, "
				+ "%,d shoppers (%d product pages each); backends %s%n", jar, build, started, settings.users(),
				settings.items(), settings.orders(), settings.shoppers(), settings.views(),
				String.join(", ", settings.backends()));
		System.out.println("As shipped: every job and the simulator on, default settings but the state backend; "
				+ "JVM options: " + (jvmOptions.isEmpty() ? "none (the JVM's defaults)" : jvmOptions));
		System.out.printf("Machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
				loadAverage());
		System.out.println("Output in " + settings.out());
		List<Result> results = new ArrayList<>();
		for (String backend : settings.backends()) {
			Run run = new Run(settings, backend, jar, jvmOptions);
			Runtime.getRuntime().addShutdownHook(new Thread(run::kill));
			Result result = run.execute();
			results.add(result);
			System.out.println();
			report(List.of(result), settings);
		}
		System.out.println();
		System.out.printf("## All backends, build %s, started %s UTC, ended %s UTC%n", build, started,
				DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now()));
		report(results, settings);
		boolean passed = results.stream().allMatch(result -> result.failure() == null);
		System.exit(passed ? 0 : 1);
	}

	/** One backend's run, start to finish. */
	static final class Run {

		private final Settings settings;

		private final String backend;

		private final Path dir;

		private final Path dataDir;

		private final List<String> command = new ArrayList<>();

		private final String url;

		private final List<String> notes = new ArrayList<>();

		private final SplittableRandom random = new SplittableRandom(20261206);

		private volatile Process app;

		Run(Settings settings, String backend, Path jar, String jvmOptions) throws IOException {
			this.settings = settings;
			this.backend = backend;
			this.dir = settings.out().resolve(backend);
			this.dataDir = dir.resolve("data");
			if (Files.exists(dataDir)) {
				throw new IllegalStateException("Not an empty data directory: " + dataDir);
			}
			Files.createDirectories(dir);
			int port = freePort();
			this.url = "http://127.0.0.1:" + port;
			command.add(javaTool("java"));
			if (!jvmOptions.isEmpty()) {
				command.addAll(List.of(jvmOptions.split("\\s+")));
			}
			command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
					"--statefront.data-dir=" + dataDir, "--statefront.security.api-password=" + PASSWORD,
					"--statefront.console.admin-password=" + PASSWORD,
					"--statefront.kafka.embedded.port=" + freePort(),
					"--statefront.kafka.embedded.controller-port=" + freePort(),
					// the managed influxd (when installed) on a free port, not beside another run's on 8087
					"--statefront.influx.managed.port=0", "--logging.level.root=WARN",
					// its guests all browse from this one address, as fast as they can
					"--statefront.limits.storefront-requests-per-second=1000000",
					// the lines that time a start: Spring's, the broker's, the jobs' submission and run
					"--logging.level.io.statefront.Application=INFO",
					"--logging.level.io.statefront.platform.kafka.EmbeddedKafkaBroker=INFO",
					// the submission and "Flink jobs: {...}" lines the restart's phases are read from
					"--logging.level.io.statefront.platform.flink=INFO"));
			command.addAll(settings.appArgumentsFor(backend));
		}

		Result execute() {
			List<Step> steps = new ArrayList<>();
			List<Restore> restores = new ArrayList<>();
			String failure = null;
			double coldStart = -1;
			String maxHeap = "-";
			long rocksDb = -1;
			System.out.println();
			System.out.println("### " + backend);
			System.out.println("Application: " + String.join(" ", command));
			try {
				coldStart = startOnEmptyDataDir();
				maxHeap = maxHeap(app.pid());
				System.out.printf("Healthy %.1f s after launch on an empty data directory; the JVM's maximum heap %s%n",
						coldStart, maxHeap);
				awaitCatalogue();
				steps.add(settle("start", 0, 0, System.currentTimeMillis(), null));

				double seconds = batchInit("/payment/batch_init/" + settings.users() + "/" + MONEY, settings.users(),
						this::userOk);
				steps.add(settle("users", settings.users(), seconds, System.currentTimeMillis(), null));

				seconds = batchInit("/stock/batch_init/" + settings.items() + "/" + STOCK + "/" + PRICE, settings.items(),
						this::itemOk);
				steps.add(settle("items", settings.items(), seconds, System.currentTimeMillis(),
						settings.items() >= PRODUCTS ? null : "the demo catalogue's items were there already"));

				if (settings.orders() > 0) {
					seconds = batchInit("/orders/batch_init/" + settings.orders() + "/" + settings.items() + "/"
							+ settings.users() + "/" + PRICE, settings.orders(), this::orderOk);
					steps.add(settle("open orders", settings.orders(), seconds, System.currentTimeMillis(), null));
				}
				if (settings.shoppers() > 0) {
					steps.add(shoppers(steps.get(steps.size() - 1)));
				}
				rocksDb = diskUsage(dataDir.resolve("rocksdb"));
				printSteps(steps);

				String verified = verifySample("before the kill");
				if (verified != null) {
					throw new IllegalStateException("Before the kill: " + verified);
				}
				for (int restart = 1; restart <= settings.restarts() && failure == null; restart++) {
					Restore restore = killAndRestart(restart);
					restores.add(restore);
					if (!restore.verified().startsWith("all")) {
						failure = "after restart " + restart + ": " + restore.verified();
					}
				}
			}
			catch (Exception ex) {
				failure = ex.getMessage() == null ? ex.toString() : ex.getMessage();
				System.err.println(backend + " failed: " + failure);
				ex.printStackTrace();
				if (app != null && !app.isAlive()) {
					notes.add("the application exited with " + app.exitValue() + "; its log's last errors:");
					notes.addAll(lastErrors());
				}
			}
			finally {
				kill();
				if (!settings.keepData()) {
					deleteTree(dataDir);
				}
			}
			long failed = failedCheckpoints();
			return new Result(backend, maxHeap, coldStart, steps, restores, rocksDb, failed, failure, notes);
		}

		/**
		 * The first start, timed to health UP. A start that fails (on a machine busy enough, the
		 * embedded broker's controller can miss its own heartbeats and fence the broker) is tried
		 * once more on an empty data directory, and said.
		 */
		private double startOnEmptyDataDir() throws Exception {
			for (int attempt = 1;; attempt++) {
				long launched = System.nanoTime();
				start(dir.resolve("app-first.log"));
				try {
					awaitHealthy(Duration.ofMinutes(15));
					return (System.nanoTime() - launched) / 1e9;
				}
				catch (IllegalStateException notStarted) {
					if (attempt > 1) {
						throw notStarted;
					}
					List<String> errors = lastErrors();
					note("the first start failed (" + notStarted.getMessage()
							+ (errors.isEmpty() ? "" : ": " + errors.get(errors.size() - 1)) + "); started once more");
					kill();
					deleteTree(dataDir);
				}
			}
		}

		private void start(Path log) throws IOException {
			app = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}

		/** {@code kill -9} of the application, and of its children (the managed influxd and its watchdog). */
		void kill() {
			Process current = app;
			if (current == null) {
				return;
			}
			List<ProcessHandle> children = current.descendants().toList();
			current.destroyForcibly();
			try {
				current.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		}

		private void awaitHealthy(Duration limit) throws Exception {
			long deadline = System.nanoTime() + limit.toNanos();
			while (System.nanoTime() < deadline) {
				ensureAlive();
				Optional<HttpResponse<String>> health = tryGet("/actuator/health", Duration.ofSeconds(5));
				if (health.isPresent() && healthy(health.get())) {
					return;
				}
				Thread.sleep(200);
			}
			throw new IllegalStateException("Not healthy within " + text(limit));
		}

		/** The demo catalogue is opened at the first start, after health is UP: its items are state of the baseline. */
		private void awaitCatalogue() throws Exception {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (System.nanoTime() < deadline) {
				Optional<HttpResponse<String>> item = tryGet("/stock/find/" + (PRODUCTS - 1), Duration.ofSeconds(15));
				if (item.isPresent() && item.get().statusCode() == 200) {
					return;
				}
				Thread.sleep(500);
			}
			notes.add("the demo catalogue was not open within 3 minutes of the start");
		}

		/**
		 * A batch init. Its answer may be a 504 though it goes on (the request's asynchronous timeout,
		 * 60 s, is shorter than a million-entity batch), or a 504 because it stopped part way (a reply
		 * that did not come in time): either way, once the gateway has no request pending the batch
		 * has ended, and it is done if its last entities read as initialised; if not, it is sent again
		 * (a batch init can simply be repeated), three times at most. A 503 sent nothing: again after
		 * a pause. Its time runs from the first request to the end of the last.
		 */
		private double batchInit(String path, int n, IntPredicate initialised) throws Exception {
			long started = System.nanoTime();
			for (int attempt = 1;; attempt++) {
				System.out.printf("POST %s ...%n", path);
				long sent = System.nanoTime();
				HttpResponse<String> response = send("POST", path, Duration.ofMinutes(60));
				double answered = (System.nanoTime() - sent) / 1e9;
				double total = (System.nanoTime() - started) / 1e9;
				if (response.statusCode() == 200) {
					System.out.printf("  done in %.1f s%n", total);
					return total;
				}
				String outcome;
				if (response.statusCode() == 504) {
					awaitGatewayIdle(path);
					int first = Math.max(0, n - 2 * BATCH_WINDOW);
					long missing = initialised.test(n - 1) ? countFailing(first, n, initialised) : n - first;
					total = (System.nanoTime() - started) / 1e9;
					if (missing == 0) {
						note(String.format(Locale.ROOT, "POST %s answered 504 after %.1f s and went on; it was done "
								+ "after %.1f s", path, answered, total));
						return total;
					}
					outcome = String.format(Locale.ROOT, "answered 504 after %.1f s and stopped part way (%,d of its "
							+ "last %,d entities not initialised)", answered, missing, n - first);
				}
				else if (response.statusCode() == 503) {
					outcome = "answered 503 (nothing sent)";
					Thread.sleep(10_000);
				}
				else {
					throw new IllegalStateException("POST " + path + " -> " + response.statusCode() + " " + response.body());
				}
				if (attempt == 3) {
					throw new IllegalStateException("POST " + path + " " + outcome + ", the third time");
				}
				note("POST " + path + " " + outcome + ": sent again");
			}
		}

		/** Until the gateway has had no request pending for two looks two seconds apart: a batch has ended. */
		private void awaitGatewayIdle(String path) throws Exception {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
			int idle = 0;
			while (idle < 2) {
				ensureAlive();
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("POST " + path + " still had requests pending an hour later");
				}
				Thread.sleep(2_000);
				idle = (pendingRequests() == 0) ? idle + 1 : 0;
			}
		}

		private void note(String note) {
			notes.add(note);
			System.out.println("  " + note);
		}

		private long pendingRequests() throws Exception {
			Optional<HttpResponse<String>> health = tryGet("/actuator/health", Duration.ofSeconds(10));
			if (health.isEmpty()) {
				return -1;
			}
			Matcher pending = Pattern.compile("\"pendingRequests\":(\\d+)").matcher(health.get().body());
			return pending.find() ? Long.parseLong(pending.group(1)) : -1;
		}

		/**
		 * Guests viewing products on the storefront, each a session of its own (a shopper id of its
		 * own for the recommendations) and {@code views} product pages. The shopper's state is the
		 * {@code shopper behaviour} task's growth; the simulator's visitors add to it meanwhile, at
		 * the rate the checkpoints of the five minutes before show, which is taken off.
		 */
		private Step shoppers(Step previous) throws Exception {
			long start = System.currentTimeMillis();
			long began = System.nanoTime();
			AtomicInteger next = new AtomicInteger();
			AtomicLong pages = new AtomicLong();
			AtomicLong failed = new AtomicLong();
			int threads = 16;
			List<CompletableFuture<Void>> workers = new ArrayList<>();
			ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("restore-shopper"));
			System.out.printf("%,d guests viewing %d product pages each ...%n", settings.shoppers(), settings.views());
			for (int t = 0; t < threads; t++) {
				long seed = random.nextLong();
				workers.add(CompletableFuture.runAsync(() -> {
					SplittableRandom products = new SplittableRandom(seed);
					for (int shopper = next.getAndIncrement(); shopper < settings.shoppers() && app.isAlive();
							shopper = next.getAndIncrement()) {
						String cookie = null;
						for (int view = 0; view < settings.views(); view++) {
							HttpRequest.Builder request = HttpRequest
								.newBuilder(URI.create(url + "/shop/product/" + products.nextInt(PRODUCTS)))
								.timeout(Duration.ofSeconds(30));
							if (cookie != null) {
								request.header("Cookie", cookie);
							}
							try {
								HttpResponse<Void> response = CLIENT.send(request.build(),
										HttpResponse.BodyHandlers.discarding());
								if (response.statusCode() != 200) {
									failed.incrementAndGet();
								}
								pages.incrementAndGet();
								if (cookie == null) {
									cookie = response.headers().allValues("Set-Cookie").stream()
										.filter(value -> value.startsWith("JSESSIONID="))
										.map(value -> value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')))
										.findFirst()
										.orElse(null);
								}
							}
							catch (IOException ex) {
								failed.incrementAndGet();
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
								return;
							}
						}
					}
				}, pool));
			}
			CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(3, TimeUnit.HOURS);
			pool.shutdown();
			ensureAlive();
			double seconds = (System.nanoTime() - began) / 1e9;
			System.out.printf("  %,d pages in %.1f s (%,.0f a second), %,d not 200%n", pages.get(), seconds,
					pages.get() / seconds, failed.get());
			if (failed.get() > 0) {
				notes.add(String.format(Locale.ROOT, "%,d of %,d storefront pages were not answered 200", failed.get(),
						pages.get()));
			}
			// the pages' events are sent as the pages are answered: give the last ones time to be read
			Step step = settle("shoppers", settings.shoppers(), seconds, System.currentTimeMillis() + 10_000, null);
			return new Step(step.name(), step.count(), step.seconds(), step.functions(), step.recommendations(),
					step.heap(), backgroundNote(previous, step, start));
		}

		/** How much the simulator's own visitors added to the shopper state while the guests browsed. */
		private String backgroundNote(Step previous, Step step, long start) {
			List<Checkpoint> before = history("recommendations").stream()
				.filter(c -> c.triggeredAt() >= start - 300_000 && c.triggeredAt() < start && c.task(BEHAVIOUR) >= 0)
				.toList();
			if (before.size() < 5) {
				return "no background rate (fewer than 5 checkpoints in the five minutes before)";
			}
			double slope = slope(before);
			long interval = step.recommendations().triggeredAt() - previous.recommendations().triggeredAt();
			return String.format(Locale.ROOT, "background:%.0f", slope * interval);
		}

		/**
		 * Waits for {@value #SETTLE_CHECKPOINTS} completed checkpoints of the functions and
		 * recommendations jobs triggered after {@code after} (each then holds the step) and takes the
		 * smallest of each: RocksDB's full size moves with its compactions (the same state in more or
		 * fewer files); the heap backend's does not. Then the heap after a full GC.
		 */
		private Step settle(String name, long count, double seconds, long after, String note) throws Exception {
			Checkpoint functions = settled("functions", after);
			Checkpoint recommendations = settled("recommendations", after);
			long heap = heapAfterFullGc(app.pid());
			System.out.printf("  %s: functions checkpoint %s full, %s incremental (checkpoint %d); heap after GC %s; "
					+ "load %s%n", name, mib(functions.full()), mib(functions.incremental()), functions.id(), mib(heap),
					loadAverage());
			return new Step(name, count, seconds, functions, recommendations, heap, note);
		}

		private Checkpoint settled(String job, long after) throws Exception {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
			while (true) {
				ensureAlive();
				List<Checkpoint> taken = history(job).stream().filter(c -> c.triggeredAt() >= after).toList();
				if (taken.size() >= SETTLE_CHECKPOINTS) {
					return taken.stream()
						.limit(SETTLE_CHECKPOINTS)
						.min(Comparator.comparingLong(Checkpoint::full))
						.orElseThrow();
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Job " + job + " completed no " + SETTLE_CHECKPOINTS
							+ " checkpoints in 20 minutes");
				}
				Thread.sleep(1_000);
			}
		}

		/**
		 * Waits for a checkpoint of the functions job taken after everything was in, kills the
		 * application with {@code kill -9}, starts it again at once on the same data directory and
		 * times its return from the kill.
		 */
		private Restore killAndRestart(int number) throws Exception {
			Checkpoint last = settledAfterAll();
			long folder = diskUsage(dataDir.resolve("checkpoints").resolve("functions"));
			int user = random.nextInt(settings.users());
			int item = random.nextInt(settings.items());
			System.out.printf("kill -9 number " + number + " after checkpoint %d of the functions job (%s full, %s incremental); "
					+ "then reading user %d and item %d%n", last.id(), mib(last.full()), mib(last.incremental()), user,
					item);
			String load = loadAverage();
			Process old = app;
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			kill();
			if (old.isAlive()) {
				throw new IllegalStateException("The application outlived kill -9");
			}
			Path log = dir.resolve("app-restart-" + number + ".log");
			start(log);
			ExecutorService pollers = Executors.newFixedThreadPool(3, daemon("restore-poll"));
			AtomicLong firstAnswer = new AtomicLong(-1);
			CompletableFuture<Double> up = CompletableFuture.supplyAsync(
					() -> poll(killed, firstAnswer, "/actuator/health", response -> healthy(response)), pollers);
			CompletableFuture<Double> userRead = CompletableFuture.supplyAsync(
					() -> poll(killed, firstAnswer, "/users/find/" + user, response -> read(response, this::userIs)),
					pollers);
			CompletableFuture<Double> itemRead = CompletableFuture.supplyAsync(
					() -> poll(killed, firstAnswer, "/stock/find/" + item, response -> read(response, this::itemIs)),
					pollers);
			double upSeconds = up.get();
			double userSeconds = userRead.get();
			double itemSeconds = itemRead.get();
			pollers.shutdown();
			double http = (firstAnswer.get() < 0) ? -1 : (firstAnswer.get() - killed) / 1e9;
			System.out.printf("  after the kill: HTTP %s, health UP %s, user read %s, item read %s%n", seconds(http),
					seconds(upSeconds), seconds(userSeconds), seconds(itemSeconds));
			String verified = (userSeconds < 0 || itemSeconds < 0) ? "the first reads never succeeded" : null;
			if (verified == null) {
				String problem = verifySample("after the restart");
				verified = (problem == null) ? "all" : problem;
			}
			Checkpoint restored = restoredCheckpoint();
			load = load + " / " + loadAverage();
			return new Restore(last, folder, restored, http, upSeconds, userSeconds, itemSeconds,
					phases(log, killedAt), verified, load);
		}

		/**
		 * The newest completed checkpoint of the functions job once one triggered from now on has
		 * completed: the one a restart restores, unless another completes before the kill.
		 */
		private Checkpoint settledAfterAll() throws Exception {
			long now = System.currentTimeMillis();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
			while (history("functions").stream().noneMatch(c -> c.triggeredAt() >= now)) {
				ensureAlive();
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No checkpoint of the functions job completed in 20 minutes");
				}
				Thread.sleep(200);
			}
			List<Checkpoint> all = history("functions");
			return all.get(all.size() - 1);
		}

		/**
		 * Polls {@code path} every 100 ms until {@code done} says yes, or the restart limit passes (-1);
		 * the first answer of any kind marks the time HTTP came back.
		 */
		private double poll(long killed, AtomicLong firstAnswer, String path,
				java.util.function.Predicate<HttpResponse<String>> done) {
			long deadline = killed + RESTART_LIMIT.toNanos();
			while (System.nanoTime() < deadline && app.isAlive()) {
				try {
					HttpResponse<String> response = send("GET", path, Duration.ofSeconds(30));
					firstAnswer.compareAndSet(-1, System.nanoTime());
					if (done.test(response)) {
						return (System.nanoTime() - killed) / 1e9;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return -1;
				}
				catch (IllegalStateException lost) {
					System.err.println("  " + lost.getMessage());
					return -1;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return -1;
				}
			}
			return -1;
		}

		/** 200 with the initialised values: done; 404 or other values: state lost; anything else: not yet. */
		private static boolean read(HttpResponse<String> response, java.util.function.Predicate<String> initialised) {
			if (response.statusCode() == 200 || response.statusCode() == 404) {
				if (response.statusCode() == 200 && initialised.test(response.body())) {
					return true;
				}
				throw new IllegalStateException("State lost: " + response.uri().getPath() + " answered "
						+ response.statusCode() + " " + response.body());
			}
			return false;
		}

		/** Health 200, UP, with each Flink job RUNNING. */
		private static boolean healthy(HttpResponse<String> response) {
			if (response.statusCode() != 200) {
				return false;
			}
			Matcher flink = Pattern.compile("\"flink\":\\{\"details\":\\{([^}]*)\\},\"status\":\"(\\w+)\"")
				.matcher(response.body());
			if (!flink.find() || !flink.group(2).equals("UP")) {
				return false;
			}
			Matcher job = Pattern.compile("\"[\\w-]+\":\"(\\w+)\"").matcher(flink.group(1));
			boolean any = false;
			while (job.find()) {
				any = true;
				if (!job.group(1).equals("RUNNING")) {
					return false;
				}
			}
			return any;
		}

		private boolean userIs(String body) {
			return number(body, "credit") == MONEY;
		}

		private boolean itemIs(String body) {
			return number(body, "stock") == STOCK && number(body, "price") == PRICE;
		}

		private boolean userOk(int id) {
			return reads("/users/find/" + id, this::userIs);
		}

		private boolean itemOk(int id) {
			return reads("/stock/find/" + id, this::itemIs);
		}

		private boolean orderOk(int id) {
			return reads("/orders/find/" + id, body -> body.contains("\"paid\":false"));
		}

		private boolean reads(String path, java.util.function.Predicate<String> expected) {
			try {
				HttpResponse<String> response = send("GET", path, Duration.ofSeconds(30));
				return response.statusCode() == 200 && expected.test(response.body());
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		/** Reads {@code sample} random users, items and open orders; null if all hold what they were given. */
		private String verifySample(String when) throws Exception {
			SplittableRandom sample = new SplittableRandom(7);
			List<String> wrong = new ArrayList<>();
			long checked = 0;
			for (int i = 0; i < settings.sample(); i++) {
				int user = sample.nextInt(settings.users());
				int item = sample.nextInt(settings.items());
				checked += 2;
				if (!userOk(user)) {
					wrong.add("user " + user);
				}
				if (!itemOk(item)) {
					wrong.add("item " + item);
				}
				if (settings.orders() > 0) {
					int order = sample.nextInt(settings.orders());
					checked++;
					if (!orderOk(order)) {
						wrong.add("order " + order);
					}
				}
			}
			System.out.printf("  %s: %,d of %,d sampled users, items and orders read as initialised%n", when,
					checked - wrong.size(), checked);
			return wrong.isEmpty() ? null
					: wrong.size() + " of " + checked + " sampled entities not as initialised, such as "
							+ String.join(", ", wrong.subList(0, Math.min(5, wrong.size())));
		}

		private long countFailing(int from, int to, IntPredicate initialised) throws Exception {
			ExecutorService readers = Executors.newFixedThreadPool(8, daemon("restore-check"));
			try {
				List<CompletableFuture<Boolean>> reads = new ArrayList<>();
				for (int id = from; id < to; id++) {
					int entity = id;
					reads.add(CompletableFuture.supplyAsync(() -> initialised.test(entity), readers));
				}
				long failing = 0;
				for (CompletableFuture<Boolean> read : reads) {
					failing += read.get(10, TimeUnit.MINUTES) ? 0 : 1;
				}
				return failing;
			}
			finally {
				readers.shutdownNow();
			}
		}

		/** The run's restore of the functions job, as the history recorded it. */
		private Checkpoint restoredCheckpoint() throws Exception {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline) {
				Optional<Checkpoint> restored = lines("functions").stream()
					.filter(line -> line.contains("\"status\":\"RESTORED\""))
					.map(RestoreBenchmark::checkpoint)
					.reduce((first, second) -> second);
				if (restored.isPresent()) {
					return restored.get();
				}
				Thread.sleep(500);
			}
			return null;
		}

		/**
		 * When each part of the restart happened, from its log's timestamps, in seconds after the kill:
		 * Spring starting, the broker listening (its log recovered), the functions job submitted, every
		 * job's tasks running (state restored), and the application started (the web server with it).
		 */
		private static Map<String, Double> phases(Path log, long killedAt) throws IOException {
			Map<String, String> marks = new LinkedHashMap<>();
			marks.put("Spring starting", "Starting Application");
			marks.put("broker listening", "Embedded Kafka broker listening");
			marks.put("functions job submitted", "Submitted Flink job 'functions'");
			marks.put("every job's tasks running", "Flink jobs: {");
			marks.put("application started", "Started Application in");
			Map<String, Double> phases = new LinkedHashMap<>();
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			marks.forEach((phase, text) -> lines.stream().filter(line -> line.contains(text)).findFirst().ifPresent(line -> {
				Matcher time = LOG_TIME.matcher(line);
				if (time.find()) {
					long at = OffsetDateTime.parse(time.group(1)).toInstant().toEpochMilli();
					phases.put(phase, (at - killedAt) / 1000.0);
				}
			}));
			return phases;
		}

		private long failedCheckpoints() {
			return lines("functions").stream().filter(line -> line.contains("\"status\":\"FAILED\"")).count();
		}

		private List<Checkpoint> history(String job) {
			return lines(job).stream()
				.filter(line -> line.contains("\"status\":\"COMPLETED\"") && line.contains("\"savepoint\":false"))
				.map(RestoreBenchmark::checkpoint)
				.toList();
		}

		private List<String> lines(String job) {
			Path file = dataDir.resolve("checkpoint-history").resolve(job + ".jsonl");
			try {
				return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
			}
			catch (IOException | UncheckedIOException beingRewritten) {
				return List.of();
			}
		}

		private List<String> lastErrors() {
			List<String> errors = new ArrayList<>();
			try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "app-*.log")) {
				for (Path log : logs) {
					Files.readAllLines(log, StandardCharsets.UTF_8).stream()
						.filter(line -> line.contains("ERROR") || line.contains("OutOfMemoryError")
								|| line.startsWith("Caused by"))
						.forEach(line -> errors.add(line.length() > 300 ? line.substring(0, 300) + "…" : line));
				}
			}
			catch (IOException | UncheckedIOException ex) {
				errors.add("(no log: " + ex + ")");
			}
			return errors.subList(Math.max(0, errors.size() - 10), errors.size());
		}

		private void ensureAlive() {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited with " + app.exitValue());
			}
		}

		private Optional<HttpResponse<String>> tryGet(String path, Duration timeout) throws InterruptedException {
			try {
				return Optional.of(send("GET", path, timeout));
			}
			catch (IOException notListening) {
				return Optional.empty();
			}
		}

		private HttpResponse<String> send(String method, String path, Duration timeout)
				throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
				.timeout(timeout)
				.header("Authorization", AUTH)
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build();
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}

		private void printSteps(List<Step> steps) {
			System.out.println();
			System.out.println("| step | entities | seconds | functions checkpoint | full MiB | incremental MiB "
					+ "| user / item / order tasks MiB | recommendations: shopper behaviour MiB | heap after GC MiB |");
			System.out.println("|---|---|---|---|---|---|---|---|---|");
			for (Step step : steps) {
				Checkpoint f = step.functions();
				System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %d | %s | %s | %s / %s / %s | %s | %s |%n", step.name(),
						step.count(), step.seconds(), f.id(), mib(f.full()), mib(f.incremental()), mib(f.task("user")),
						mib(f.task("item")), mib(f.task("order")), mib(step.recommendations().task(BEHAVIOUR)),
						mib(step.heap()));
			}
		}

	}

	/** The recommendations job's task keyed by shopper. */
	private static final String BEHAVIOUR = "shopper behaviour";

	private static void report(List<Result> results, Settings settings) {
		System.out.println();
		System.out.println("Restore after kill -9, seconds from the kill:");
		System.out.println();
		System.out.println("| backend | checkpoint restored: id, full MiB (incremental) | HTTP answers | health UP, jobs RUNNING "
				+ "| user read | item read | serving again | sample read after | cold start, empty data dir "
				+ "| machine's load at the kill / once serving |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (Result result : results) {
			if (result.restores().isEmpty()) {
				System.out.printf("| %s | - | - | - | - | - | - | - | %s | - |%n", result.backend(), seconds(result.coldStart()));
			}
			for (int i = 0; i < result.restores().size(); i++) {
				Restore restore = result.restores().get(i);
				System.out.printf(Locale.ROOT, "| %s, restart %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
						result.backend(), i + 1, restored(restore), seconds(restore.http()), seconds(restore.up()),
						seconds(restore.user()), seconds(restore.item()), seconds(restore.serving()), restore.verified(),
						(i == 0) ? seconds(result.coldStart()) : "", restore.load());
			}
		}
		System.out.println();
		System.out.println("Where the restart's time went (its log's timestamps, seconds from the kill):");
		System.out.println();
		List<String> phases = List.of("Spring starting", "broker listening", "functions job submitted",
				"every job's tasks running", "application started");
		System.out.println("| backend | " + String.join(" | ", phases) + " |");
		System.out.println("|---|" + "---|".repeat(phases.size()));
		for (Result result : results) {
			for (int i = 0; i < result.restores().size(); i++) {
				Map<String, Double> times = result.restores().get(i).phases();
				System.out.println("| " + result.backend() + ", restart " + (i + 1) + " | " + String.join(" | ",
						phases.stream().map(phase -> seconds(times.getOrDefault(phase, -1.0))).toList()) + " |");
			}
		}
		System.out.println();
		System.out.println("State per entity: bytes in the job's checkpoint (its full size's growth over the step, "
				+ "over the entities added) and on the heap after a full GC:");
		System.out.println();
		System.out.println("| backend | checkpoint: per user | per item | per open order | per shopper "
				+ "| heap: per user | per item | per open order | per shopper | functions checkpoint full MiB | RocksDB dir MiB |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
		for (Result result : results) {
			Optional<Step> start = result.step("start");
			Optional<Step> users = result.step("users");
			Optional<Step> items = result.step("items");
			Optional<Step> orders = result.step("open orders");
			Optional<Step> shoppers = result.step("shoppers");
			Optional<Step> beforeOrders = items;
			Optional<Step> last = result.steps().isEmpty() ? Optional.empty()
					: Optional.of(result.steps().get(result.steps().size() - 1));
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", result.backend(),
					perEntity(start, users, step -> step.functions().full()),
					perEntity(users, items, step -> step.functions().full()),
					perEntity(beforeOrders, orders, step -> step.functions().full()), perShopper(result),
					perEntity(start, users, Step::heap), perEntity(users, items, Step::heap),
					perEntity(beforeOrders, orders, Step::heap),
					perEntity(orders.isPresent() ? orders : items, shoppers, Step::heap),
					last.map(step -> mib(step.functions().full())).orElse("-"), mib(result.rocksDbBytes()));
		}
		System.out.println();
		System.out.println("Steps, seconds (a batch init until every entity answers; the shoppers' pages):");
		System.out.println();
		System.out.println("| backend | users | items | open orders | shoppers | JVM's maximum heap | failed checkpoints (functions) |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (Result result : results) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n", result.backend(),
					result.step("users").map(step -> seconds(step.seconds())).orElse("-"),
					result.step("items").map(step -> seconds(step.seconds())).orElse("-"),
					result.step("open orders").map(step -> seconds(step.seconds())).orElse("-"),
					result.step("shoppers").map(step -> seconds(step.seconds())).orElse("-"), result.maxHeap(),
					result.failedCheckpoints());
		}
		for (Result result : results) {
			if (result.failure() != null || !result.notes().isEmpty()) {
				System.out.println();
				System.out.println(result.backend() + ":");
				if (result.failure() != null) {
					System.out.println("- FAILED: " + result.failure());
				}
				result.notes().forEach(note -> System.out.println("- " + note));
			}
			result.step("shoppers").ifPresent(step -> System.out.println("- " + result.backend() + ", shoppers: "
					+ shopperDetail(result, step)));
		}
	}

	/** The checkpoint the restart restored, with the sizes it was recorded with before the kill. */
	private static String restored(Restore restore) {
		Checkpoint last = restore.beforeKill();
		Checkpoint restored = restore.restored();
		if (restored == null) {
			return "none recorded (newest before the kill: " + last.id() + ")";
		}
		if (restored.id() != last.id() || !restored.path().equals(last.path())) {
			return String.format(Locale.ROOT, "%d, %s (newest before the kill: %d)", restored.id(), mib(restored.full()),
					last.id());
		}
		return String.format(Locale.ROOT, "%d, %s (%s)", last.id(), mib(last.full()), mib(last.incremental()));
	}

	private static String perEntity(Optional<Step> before, Optional<Step> after,
			java.util.function.ToLongFunction<Step> size) {
		if (before.isEmpty() || after.isEmpty() || after.get().count() == 0 || size.applyAsLong(before.get()) < 0
				|| size.applyAsLong(after.get()) < 0) {
			return "-";
		}
		double bytes = (double) (size.applyAsLong(after.get()) - size.applyAsLong(before.get())) / after.get().count();
		return String.format(Locale.ROOT, "%,.1f", bytes);
	}

	/** The shopper behaviour task's growth less the simulator's meanwhile, over the shoppers. */
	private static String perShopper(Result result) {
		Optional<Step> shoppers = result.step("shoppers");
		if (shoppers.isEmpty()) {
			return "-";
		}
		Step before = result.steps().get(result.steps().indexOf(shoppers.get()) - 1);
		long grown = shoppers.get().recommendations().task(BEHAVIOUR) - before.recommendations().task(BEHAVIOUR);
		double background = background(shoppers.get());
		return String.format(Locale.ROOT, "%,.1f", (grown - (Double.isNaN(background) ? 0 : background))
				/ shoppers.get().count());
	}

	private static double background(Step shoppers) {
		String note = shoppers.note();
		return (note != null && note.startsWith("background:")) ? Double.parseDouble(note.substring(11)) : Double.NaN;
	}

	private static String shopperDetail(Result result, Step shoppers) {
		Step before = result.steps().get(result.steps().indexOf(shoppers) - 1);
		long grown = shoppers.recommendations().task(BEHAVIOUR) - before.recommendations().task(BEHAVIOUR);
		double background = background(shoppers);
		long job = shoppers.recommendations().full() - before.recommendations().full();
		return String.format(Locale.ROOT, "the shopper behaviour task grew by %s over the step, of which %s is the "
				+ "simulator's visitors at the rate of the five minutes before (%s); the recommendations job as a whole "
				+ "by %s (the recommendation function's co-views grow with views, not shoppers). Heap per shopper "
				+ "includes each guest's HTTP session.", mib(grown),
				Double.isNaN(background) ? "unknown" : mib(Math.round(background)),
				Double.isNaN(background) ? shoppers.note() : "taken off", mib(job));
	}

	/** Least-squares slope of the shopper behaviour task's size over trigger time, bytes a millisecond. */
	private static double slope(List<Checkpoint> checkpoints) {
		double meanX = checkpoints.stream().mapToDouble(Checkpoint::triggeredAt).average().orElseThrow();
		double meanY = checkpoints.stream().mapToDouble(c -> c.task(BEHAVIOUR)).average().orElseThrow();
		double covariance = 0;
		double variance = 0;
		for (Checkpoint c : checkpoints) {
			covariance += (c.triggeredAt() - meanX) * (c.task(BEHAVIOUR) - meanY);
			variance += (c.triggeredAt() - meanX) * (c.triggeredAt() - meanX);
		}
		return (variance == 0) ? 0 : covariance / variance;
	}

	private static final Pattern TASK = Pattern
		.compile("\\{\"name\":\"((?:[^\"\\\\]|\\\\.)*)\",\"subtasks\"[^{}]*?\"stateSize\":(-?\\d+)\\}");

	/** A line of the checkpoint history ({@code CheckpointRecord} as JSON). */
	static Checkpoint checkpoint(String line) {
		int tasksAt = line.indexOf("\"tasks\"");
		String top = (tasksAt > 0) ? line.substring(0, tasksAt) : line;
		Map<String, Long> tasks = new LinkedHashMap<>();
		if (tasksAt > 0) {
			Matcher task = TASK.matcher(line.substring(tasksAt));
			while (task.find()) {
				String name = task.group(1);
				int chained = name.indexOf(" -> ");
				tasks.merge((chained < 0 ? name : name.substring(0, chained)).trim(), Long.parseLong(task.group(2)),
						Long::sum);
			}
		}
		Matcher path = Pattern.compile("\"path\":\"([^\"]*)\"").matcher(top);
		Matcher run = Pattern.compile("\"run\":\"([^\"]*)\"").matcher(top);
		return new Checkpoint(run.find() ? run.group(1) : "", number(top, "id"), number(top, "triggeredAt"),
				number(top, "durationMs"), number(top, "stateSize"), number(top, "checkpointedSize"),
				path.find() ? path.group(1) : "", tasks);
	}

	private static long number(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	/** {@code jcmd GC.run} (a full GC), then the used heap; the smaller of two, 5 s apart. */
	private static long heapAfterFullGc(long pid) throws InterruptedException {
		long smallest = -1;
		for (int i = 0; i < 2; i++) {
			if (i > 0) {
				Thread.sleep(5_000);
			}
			try {
				run(javaTool("jcmd"), Long.toString(pid), "GC.run");
				Matcher used = Pattern.compile("used (\\d+)K").matcher(run(javaTool("jcmd"), Long.toString(pid), "GC.heap_info"));
				if (used.find()) {
					long bytes = Long.parseLong(used.group(1)) * 1024;
					smallest = (smallest < 0) ? bytes : Math.min(smallest, bytes);
				}
			}
			catch (IOException | RuntimeException ex) {
				// unknown this time
			}
		}
		return smallest;
	}

	private static String maxHeap(long pid) {
		try {
			Matcher max = Pattern.compile("MaxHeapSize=(\\d+)").matcher(run(javaTool("jcmd"), Long.toString(pid), "VM.flags"));
			return max.find() ? String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(max.group(1)) / 1073741824.0) : "-";
		}
		catch (IOException | RuntimeException ex) {
			return "-";
		}
	}

	/** The bytes a folder takes on disk (allocated blocks, as du counts them). */
	private static long diskUsage(Path folder) {
		if (!Files.isDirectory(folder)) {
			return -1;
		}
		try {
			String output = run("du", "-s", "-k", "--", folder.toString()).strip();
			return Long.parseLong(output.substring(0, output.indexOf('\t')).trim()) * 1024;
		}
		catch (IOException | RuntimeException noDu) {
			return -1;
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
					Files.deleteIfExists(folder);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + root + ": " + ex);
		}
	}

	/** Runs a short command and returns its output, within a minute. */
	private static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		process.getOutputStream().close();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("Timed out: " + String.join(" ", command));
			}
			return output.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IOException(String.join(" ", command) + ": " + ex, ex);
		}
	}

	/** BENCH_JAR, else the packaged {@code target/statefront.jar}. */
	private static Path jar() {
		String chosen = System.getenv("BENCH_JAR");
		Path jar = Path.of((chosen != null && !chosen.isBlank()) ? chosen : "target/statefront.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Build the jar first: ./mvnw -q package -DskipTests");
		}
		return jar;
	}

	/**
	 * The build measured: the last commit that changed the application's sources (src, pom.xml), and
	 * whether they have changed since; a BENCH_JAR is named by its path.
	 */
	private static String buildOf(Path jar) {
		if (System.getenv("BENCH_JAR") != null && !System.getenv("BENCH_JAR").isBlank()) {
			return jar.toString();
		}
		try {
			String sources = run("git", "log", "-1", "--format=%h", "--", "src", "pom.xml").strip();
			boolean changed = !run("git", "status", "--porcelain", "--untracked-files=no", "--", "src", "pom.xml")
				.isBlank();
			return sources.isEmpty() ? "unknown build" : sources + (changed ? " with uncommitted changes to src" : "");
		}
		catch (IOException ex) {
			return "unknown build";
		}
	}

	/** The machine's one-minute load average (runnable threads; this machine has {@code nproc} cores). */
	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException | RuntimeException ex) {
			return "-";
		}
	}

	private static String mib(long bytes) {
		return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
	}

	private static String seconds(double seconds) {
		return seconds < 0 ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
	}

	private static String text(Duration duration) {
		return duration.toMinutes() + " min";
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaTool(String tool) {
		return Path.of(System.getProperty("java.home"), "bin", tool).toString();
	}

}
