import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Soak: does the application's state stay bounded while it runs? Starts the packaged jar on a
 * fresh data directory, as shipped (every job and the simulator on, at its default rate), with
 * short state horizons ({@code statefront.retention.*}, 2 to 4 minutes), sends a steady
 * stream of new orders (create, add an item, check out) for a while, and once a minute records the
 * paid orders, the heap after a full GC, the RSS, the command topics' bytes on disk, the
 * {@code functions} job's checkpoint folder and its newest checkpoint. At the end it prints the
 * table, the growth per 1,000 paid orders before the horizons pass against after twice the largest
 * has passed (the target: after at most a tenth of before), and checks that every order paid in
 * the first minute can still be read as paid. The rows also go to a CSV file and a PNG plot.
 *
 * <pre>
 * ./mvnw -q package -DskipTests && java bench/SoakBenchmark.java [name=value ...] [--app.property=value ...]
 *
 *   duration=15m        how long orders are sent (s, m, h, or an ISO-8601 duration)
 *   rate=20             new orders a second
 *   idempotency-keys=2m, shopper-behaviour=2m, finished-orders=4m, open-orders=4m, command-log=4m
 *                       the statefront.retention.* horizons (horizon= sets all five)
 *   checkpoint-timeout=20s  statefront.flink.checkpoint-timeout (shipped: 2m), which with the other
 *                       checkpoint settings bounds the oldest restore point: the application refuses
 *                       a command log or finished orders shorter than that (here 3 min 20 s)
 *   abandoned=5         percent of orders left open with their item, never checked out
 *   users=1000          the pool of users the orders are for (each with ample credit, topped up
 *                       if a checkout finds it short)
 *   items=100           items created with ample stock, each order one of them
 *   in-flight=64        orders in progress at most; an order whose turn finds none free is skipped
 *   out=target/soak-... where the CSV, the PNG and the app's log go (the data directory is beside)
 *   --name=value        passed to the application as it is (also BENCH_APP_ARGS; JVM options in
 *                       BENCH_APP_JVM_OPTS; another jar in BENCH_JAR)
 * </pre>
 */
public class SoakBenchmark {

	private static final String PASSWORD = "soak";

	private static final String[] HORIZONS = { "idempotency-keys", "finished-orders", "open-orders",
			"shopper-behaviour", "command-log" };

	/**
	 * Each horizon's default, 2 to 4 minutes. The application refuses a command log or finished
	 * orders shorter than the oldest checkpoint a job may restore from can be old (its checkpoints
	 * retained, each cycle as long as the checkpoint timeout plus the pause, and the failures
	 * tolerated: with the soak's 20 s timeout, 3 × 25 s + 5 × 25 s = 3 min 20 s), and idempotency
	 * keys kept longer than orders.
	 */
	private static final Map<String, String> DEFAULT_HORIZONS = Map.of("idempotency-keys", "2m", "finished-orders",
			"4m", "open-orders", "4m", "shopper-behaviour", "2m", "command-log", "4m");

	/** The command topics, each a folder per partition in the broker's log directory. */
	private static final Pattern COMMAND_TOPIC_PARTITION = Pattern
		.compile("(users|users-create|stock|stock-create|orders|orders-create)-\\d+");

	private static final String JOB = "functions";

	private static final Pattern SUBMITTED = Pattern
		.compile("Submitted Flink job '" + JOB + "' \\(([0-9a-f]{32})\\) with parallelism \\d+ to (http://[^,\\s]+)");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final int ATTEMPTS = 3;

	private static final ExecutorService HTTP_THREADS = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "soak-http");
		thread.setDaemon(true);
		return thread;
	});

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(HTTP_THREADS)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final String AUTH = "Basic "
			+ Base64.getEncoder().encodeToString(("api:" + PASSWORD).getBytes(StandardCharsets.US_ASCII));

	/** One minute's measurement; sizes in bytes, -1 when unknown. */
	record Row(int minute, double elapsedSeconds, long paid, long errors, long heapUsed, long rss, long childrenRss,
			long commandLog, long checkpoints, long dataDir, long checkpointId, long checkpointIncremental,
			long checkpointFull, long checkpointDurationMs) {

		static final String HEADER = "| minute | paid orders | errors | heap after GC MiB | RSS MiB | child RSS MiB "
				+ "| command log MiB | checkpoints MiB | data dir MiB | checkpoint | incremental KiB | full KiB "
				+ "| duration ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";

		static final String CSV_HEADER = "minute,elapsed_s,paid_orders,errors,heap_after_gc_bytes,rss_bytes,"
				+ "children_rss_bytes,command_log_bytes,checkpoints_bytes,data_dir_bytes,checkpoint_id,"
				+ "checkpoint_incremental_bytes,checkpoint_full_bytes,checkpoint_duration_ms";

		String markdown() {
			return String.format(Locale.ROOT, "| %d | %,d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
					minute, paid, errors, mib(heapUsed), mib(rss), mib(childrenRss), mib(commandLog), mib(checkpoints),
					mib(dataDir), checkpointId < 0 ? "-" : Long.toString(checkpointId), kib(checkpointIncremental),
					kib(checkpointFull), checkpointDurationMs < 0 ? "-" : String.format("%,d", checkpointDurationMs));
		}

		String csv() {
			return String.format(Locale.ROOT, "%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", minute, elapsedSeconds, paid,
					errors, heapUsed, rss, childrenRss, commandLog, checkpoints, dataDir, checkpointId,
					checkpointIncremental, checkpointFull, checkpointDurationMs);
		}

		private static String mib(long bytes) {
			return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
		}

		private static String kib(long bytes) {
			return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", bytes / 1024.0);
		}

	}

	/** The newest completed checkpoint (not a savepoint) of the functions job. */
	record Checkpoint(long id, long incremental, long full, long durationMs) {

		static final Checkpoint NONE = new Checkpoint(-1, -1, -1, -1);

	}

	record Settings(Duration duration, int rate, Map<String, Duration> horizons, Duration checkpointTimeout,
			int abandonedPercent, int users, int items, int inFlight, Path out, List<String> appArguments) {

		static Settings parse(String[] args) {
			Map<String, String> named = new LinkedHashMap<>();
			List<String> appArguments = new ArrayList<>();
			for (String arg : args) {
				if (arg.startsWith("--statefront.retention.")) {
					throw new IllegalArgumentException("Horizons are the benchmark's own arguments (it computes its "
							+ "windows from them): " + arg.substring(23) + " instead of " + arg);
				}
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
			Map<String, Duration> horizons = new LinkedHashMap<>();
			for (String name : HORIZONS) {
				horizons.put(name, duration(named.getOrDefault(name,
						named.getOrDefault("horizon", DEFAULT_HORIZONS.get(name)))));
			}
			String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
			Settings settings = new Settings(duration(named.getOrDefault("duration", "15m")),
					Integer.parseInt(named.getOrDefault("rate", "20")), horizons,
					duration(named.getOrDefault("checkpoint-timeout", "20s")),
					Integer.parseInt(named.getOrDefault("abandoned", "5")),
					Integer.parseInt(named.getOrDefault("users", "1000")),
					Integer.parseInt(named.getOrDefault("items", "100")),
					Integer.parseInt(named.getOrDefault("in-flight", "64")),
					Path.of(named.getOrDefault("out", "target/soak-" + stamp)).toAbsolutePath(), appArguments);
			List<String> known = new ArrayList<>(List.of("duration", "rate", "horizon", "checkpoint-timeout",
					"abandoned", "users", "items", "in-flight", "out"));
			known.addAll(List.of(HORIZONS));
			named.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
				throw new IllegalArgumentException("Unknown argument " + name + "; known: " + known);
			});
			if (settings.rate < 1 || settings.rate > 1_000 || settings.users < 1 || settings.items < 1
					|| settings.inFlight < 1 || settings.inFlight > 1_000 || settings.abandonedPercent < 0
					|| settings.abandonedPercent > 100 || settings.duration.toSeconds() < 60) {
				throw new IllegalArgumentException("Out of range: " + settings);
			}
			return settings;
		}

		String horizonsText() {
			StringBuilder text = new StringBuilder();
			horizons.forEach((name, horizon) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
				.append(text(horizon)));
			return text.toString();
		}

		Duration smallestHorizon() {
			return horizons.values().stream().min(Duration::compareTo).orElseThrow();
		}

		Duration largestHorizon() {
			return horizons.values().stream().max(Duration::compareTo).orElseThrow();
		}

		private static Duration duration(String text) {
			String value = text.trim().toLowerCase(Locale.ROOT);
			if (value.startsWith("p")) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("A duration such as 90s, 15m or 2h: " + text);
			}
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}

		/** How Spring reads a Duration: {@code 90s}, {@code 2m}, or ISO-8601. */
		static String spring(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

	}

	private static final AtomicBoolean STOPPED = new AtomicBoolean();

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Settings settings = Settings.parse(args);
		Path jar = jar();
		Files.createDirectories(settings.out());
		Path dataDir = settings.out().resolve("data");
		if (Files.exists(dataDir)) {
			throw new IllegalStateException("Not a fresh data directory: " + dataDir);
		}
		int port = freePort();
		String url = "http://127.0.0.1:" + port;
		List<String> command = new ArrayList<>(List.of(javaTool("java")));
		String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTS", "");
		if (!jvmOptions.isBlank()) {
			command.addAll(List.of(jvmOptions.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
				"--statefront.data-dir=" + dataDir, "--statefront.security.api-password=" + PASSWORD,
				"--statefront.kafka.embedded.port=" + freePort(),
				"--statefront.kafka.embedded.controller-port=" + freePort(),
				// the managed influxd (when installed) on a free port, not beside another run's on 8087
				"--statefront.influx.managed.port=0", "--logging.level.root=WARN",
				// its line naming the functions job's id and the Flink REST address, for the incremental size
				"--logging.level.io.statefront.platform.flink.FlinkRuntime=INFO"));
		settings.horizons().forEach((name, horizon) -> command.add("--statefront.retention." + name + "="
				+ Settings.spring(horizon)));
		List<String> appArguments = new ArrayList<>();
		String environment = System.getenv().getOrDefault("BENCH_APP_ARGS", "");
		if (!environment.isBlank()) {
			appArguments.addAll(List.of(environment.trim().split("\\s+")));
		}
		appArguments.addAll(settings.appArguments());
		// the one setting besides the horizons that differs from the shipped defaults (2 min): the
		// horizons must outlast the oldest restore point, and the timeout bounds its age; Spring
		// would join a property given twice, so one given to the application as well wins
		if (appArguments.stream().noneMatch(arg -> arg.startsWith("--statefront.flink.checkpoint-timeout="))) {
			command.add("--statefront.flink.checkpoint-timeout=" + Settings.spring(settings.checkpointTimeout()));
		}
		command.addAll(appArguments);
		Path appLog = settings.out().resolve("app.log");
		String build = buildOf(jar);
		System.out.printf("Soak of %s (%s) for %s at %d orders/s, horizons %s%n", jar, build,
				text(settings.duration()), settings.rate(), settings.horizonsText());
		System.out.println("Application: " + String.join(" ", command));
		System.out.println("Output in " + settings.out());
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app)));
		int exitCode = 1;
		try {
			awaitHealthy(url, app);
			Soak soak = new Soak(settings, build, url, app, dataDir, appLog);
			exitCode = soak.run() ? 0 : 1;
		}
		catch (Exception ex) {
			System.err.println("Soak failed: " + ex);
			ex.printStackTrace();
			System.err.println("The application's log: " + appLog);
			printWhyItStopped(appLog);
		}
		finally {
			stop(app);
		}
		System.exit(exitCode);
	}

	/** The soak itself, on a healthy application. */
	static final class Soak {

		private final Settings settings;

		private final String build;

		private final String url;

		private final Process app;

		private final Path dataDir;

		private final Path appLog;

		private final List<String> users = new ArrayList<>();

		private final List<String> items = new ArrayList<>();

		private final AtomicLong paid = new AtomicLong();

		private final AtomicLong errors = new AtomicLong();

		private final AtomicLong skipped = new AtomicLong();

		private final AtomicLong abandoned = new AtomicLong();

		private final AtomicLong toppedUp = new AtomicLong();

		private final List<String> firstMinutePaid = Collections.synchronizedList(new ArrayList<>());

		private volatile boolean firstMinute = true;

		private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

		private final Executor retryDelay = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, HTTP_THREADS);

		Soak(Settings settings, String build, String url, Process app, Path dataDir, Path appLog) {
			this.settings = settings;
			this.build = build;
			this.url = url;
			this.app = app;
			this.dataDir = dataDir;
			this.appLog = appLog;
		}

		boolean run() throws Exception {
			prepare();
			List<Row> rows = new ArrayList<>();
			rows.add(sample(0, System.nanoTime()));
			keep(rows.get(0));
			System.out.println(Row.HEADER);
			System.out.println(rows.get(0).markdown());
			// the clock starts after minute 0's row (its GCs take seconds), or the stream would begin
			// with those seconds' orders at once
			long start = System.nanoTime();
			Thread load = new Thread(() -> sendOrders(start), "soak-load");
			load.start();
			int minutes = (int) settings.duration().toMinutes();
			for (int minute = 1; minute <= minutes; minute++) {
				long due = start + TimeUnit.MINUTES.toNanos(minute);
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					if (!app.isAlive()) {
						throw new IllegalStateException("The application exited; see " + appLog);
					}
					LockSupport.parkNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
				}
				if (minute == 1) {
					firstMinute = false;
				}
				Row row = sample(minute, start);
				rows.add(row);
				keep(row);
				System.out.println(row.markdown());
			}
			load.join(TimeUnit.MINUTES.toMillis(2));
			if (load.isAlive()) {
				throw new IllegalStateException("The order stream did not end");
			}
			return report(rows);
		}

		/** The pool of users, each with ample credit, and the items, each with ample stock. */
		private void prepare() throws Exception {
			long started = System.nanoTime();
			Semaphore permits = new Semaphore(16);
			List<CompletableFuture<String>> created = new ArrayList<>();
			for (int i = 0; i < settings.users(); i++) {
				String key = "soak-user-" + i;
				created.add(bounded(permits, () -> post("/users/create", key).thenCompose(body -> {
					String user = field(body, "user_id");
					return post("/users/credit/add/" + user + "/1000000000", key + "-credit").thenApply(ignored -> user);
				})));
			}
			for (CompletableFuture<String> user : created) {
				users.add(user.get(2, TimeUnit.MINUTES));
			}
			created.clear();
			for (int i = 0; i < settings.items(); i++) {
				String key = "soak-item-" + i;
				int price = 1 + i % 10;
				created.add(bounded(permits, () -> post("/stock/item/create/" + price, key).thenCompose(body -> {
					String item = field(body, "item_id");
					return post("/stock/add/" + item + "/1000000000000", key + "-stock").thenApply(ignored -> item);
				})));
			}
			for (CompletableFuture<String> item : created) {
				items.add(item.get(2, TimeUnit.MINUTES));
			}
			System.out.printf("Created %,d users with credit and %,d items with stock in %.1f s%n", users.size(),
					items.size(), (System.nanoTime() - started) / 1e9);
		}

		/**
		 * The steady stream: order number i starts at its scheduled time if fewer than
		 * {@code in-flight} are in progress then (else it is skipped and counted), each a create, an
		 * item added and, unless it is one of the abandoned, a checkout. Bounded: rate × duration
		 * orders at most, and it ends at the duration's end, then waits a minute at most for the
		 * orders in progress.
		 */
		private void sendOrders(long start) {
			long total = settings.rate() * settings.duration().toSeconds();
			long interval = TimeUnit.SECONDS.toNanos(1) / settings.rate();
			long end = start + settings.duration().toNanos();
			Semaphore inFlight = new Semaphore(settings.inFlight());
			SplittableRandom random = new SplittableRandom(42);
			for (long i = 0; i < total; i++) {
				long scheduled = start + i * interval;
				if (scheduled >= end || !app.isAlive()) {
					break;
				}
				for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				if (!inFlight.tryAcquire()) {
					skipped.incrementAndGet();
					continue;
				}
				String user = users.get((int) (i % users.size()));
				String item = items.get(random.nextInt(items.size()));
				int quantity = 1 + random.nextInt(3);
				boolean abandon = random.nextInt(100) < settings.abandonedPercent();
				placeOrder(i, user, item, quantity, abandon).whenComplete((ignored, failure) -> {
					if (failure != null) {
						errors.incrementAndGet();
						if (errorSamples.size() < 10) {
							errorSamples.add(failure.getMessage());
						}
					}
					inFlight.release();
				});
			}
			try {
				if (!inFlight.tryAcquire(settings.inFlight(), 60, TimeUnit.SECONDS)) {
					System.err.println("Orders still in progress a minute after the stream ended");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private CompletableFuture<Void> placeOrder(long i, String user, String item, int quantity, boolean abandon) {
			String key = "soak-order-" + i;
			return post("/orders/create/" + user, key).thenCompose(created -> {
				String order = field(created, "order_id");
				return post("/orders/addItem/" + order + "/" + item + "/" + quantity, key + "-item").thenCompose(added -> {
					if (abandon) {
						abandoned.incrementAndGet();
						return CompletableFuture.completedFuture(null);
					}
					return checkout(order, user, key).thenAccept(body -> {
						if (!body.contains("\"paid\":true")) {
							throw new IllegalStateException("Checkout of " + order + " answered " + body);
						}
						paid.incrementAndGet();
						if (firstMinute) {
							firstMinutePaid.add(order);
						}
					});
				});
			});
		}

		/** A checkout; a user short of credit is topped up and the order checked out once more. */
		private CompletableFuture<String> checkout(String order, String user, String key) {
			return send("POST", "/orders/checkout/" + order, key + "-checkout").thenCompose(response -> {
				if (response.statusCode() == 409 && response.body().toLowerCase(Locale.ROOT).contains("credit")) {
					toppedUp.incrementAndGet();
					return post("/users/credit/add/" + user + "/1000000000", key + "-top-up")
						.thenCompose(ignored -> post("/orders/checkout/" + order, key + "-checkout-again"));
				}
				return CompletableFuture.completedFuture(ok("POST /orders/checkout/" + order, response));
			});
		}

		private Path csv() {
			return settings.out().resolve("soak.csv");
		}

		/** Each row goes to the CSV file as it is taken, so that a run cut short keeps what it measured. */
		private void keep(Row row) throws IOException {
			if (row.minute() == 0) {
				Files.write(csv(), List.of(Row.CSV_HEADER), StandardCharsets.UTF_8);
			}
			Files.write(csv(), List.of(row.csv()), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
		}

		private Row sample(int minute, long start) throws Exception {
			double elapsed = (System.nanoTime() - start) / 1e9;
			long paidNow = paid.get();
			long errorsNow = errors.get();
			long heap = heapAfterFullGc(app.pid());
			// what a GC leaves includes what is in flight at that moment (fetched batches, requests,
			// a checkpoint's snapshot): the smaller of two, seconds apart, is nearer the state
			Thread.sleep(5_000);
			long again = heapAfterFullGc(app.pid());
			if (again >= 0 && (heap < 0 || again < heap)) {
				heap = again;
			}
			long childrenRss = app.descendants().filter(ProcessHandle::isAlive).mapToLong(child -> {
				try {
					return rss(child.pid());
				}
				catch (IOException | RuntimeException gone) {
					return 0;
				}
			}).sum();
			Checkpoint checkpoint = newestCheckpoint();
			return new Row(minute, elapsed, paidNow, errorsNow, heap, rss(app.pid()), childrenRss, commandLogBytes(),
					diskUsage(List.of(dataDir.resolve("checkpoints").resolve(JOB))), diskUsage(List.of(dataDir)),
					checkpoint.id(), checkpoint.incremental(), checkpoint.full(), checkpoint.durationMs());
		}

		private long commandLogBytes() throws IOException {
			List<Path> partitions = new ArrayList<>();
			Path kafka = dataDir.resolve("kafka");
			if (Files.isDirectory(kafka)) {
				try (DirectoryStream<Path> folders = Files.newDirectoryStream(kafka)) {
					for (Path folder : folders) {
						if (COMMAND_TOPIC_PARTITION.matcher(folder.getFileName().toString()).matches()) {
							partitions.add(folder);
						}
					}
				}
			}
			return diskUsage(partitions);
		}

		/**
		 * The newest completed checkpoint of the functions job from the application's checkpoint
		 * history: its id, full size ({@code stateSize}) and duration. The history keeps no
		 * incremental size (Flink's {@code checkpointed_size}) in builds before its
		 * {@code checkpointedSize}; without it (or with 0, as such a record reads) it is read from the
		 * job's Flink REST API (the address the application logs when it submits the job), for the
		 * same checkpoint only.
		 */
		private Checkpoint newestCheckpoint() {
			Path history = dataDir.resolve("checkpoint-history").resolve(JOB + ".jsonl");
			String newest = null;
			try {
				if (Files.isRegularFile(history)) {
					for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
						int tasks = line.indexOf("\"tasks\"");
						String top = (tasks > 0) ? line.substring(0, tasks) : line;
						if (top.contains("\"status\":\"COMPLETED\"") && top.contains("\"savepoint\":false")) {
							newest = top;
						}
					}
				}
			}
			catch (IOException | UncheckedIOException cutShort) {
				// being rewritten; the next minute reads it
			}
			if (newest == null) {
				return Checkpoint.NONE;
			}
			long id = number(newest, "id");
			long incremental = number(newest, "checkpointedSize");
			if (incremental <= 0) {
				incremental = flinkIncrementalSize(id);
			}
			return new Checkpoint(id, incremental, number(newest, "stateSize"), number(newest, "durationMs"));
		}

		private long flinkIncrementalSize(long checkpointId) {
			try {
				Matcher submitted = null;
				for (String line : Files.readAllLines(appLog, StandardCharsets.UTF_8)) {
					Matcher matcher = SUBMITTED.matcher(line);
					if (matcher.find()) {
						submitted = matcher;
					}
				}
				if (submitted == null) {
					return -1;
				}
				String address = submitted.group(2).replaceAll("/$", "");
				URI uri = URI.create(address + "/jobs/" + submitted.group(1) + "/checkpoints");
				if (!uri.getHost().equals("localhost") && !uri.getHost().startsWith("127.")) {
					return -1;
				}
				HttpResponse<String> response = CLIENT.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
				String body = response.body();
				// the newest completed checkpoints, with their ids, are in "history": find this one
				Matcher entry = Pattern.compile("\\{[^{}]*\"id\":" + checkpointId + ",[^{}]*\"status\":\"COMPLETED\"[^{}]*")
					.matcher(body);
				while (entry.find()) {
					long size = number(entry.group(), "checkpointed_size");
					if (size >= 0) {
						return size;
					}
				}
				return -1;
			}
			catch (Exception unreachable) {
				return -1;
			}
		}

		private boolean report(List<Row> rows) throws Exception {
			Path csv = csv();
			Path png = settings.out().resolve("soak.png");
			try {
				plot(rows, png, settings);
			}
			catch (IOException | RuntimeException ex) {
				System.err.println("No plot: " + ex);
			}

			System.out.println();
			System.out.printf("Soak of build %s, %s UTC: %s at %d orders/s, horizons %s%n", build,
					DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now()),
					text(settings.duration()), settings.rate(), settings.horizonsText());
			System.out.printf("Orders: %,d paid, %,d left open on purpose, %,d failed, %,d skipped (all %d in flight),"
					+ " %,d users topped up%n", paid.get(), abandoned.get(), errors.get(), skipped.get(),
					settings.inFlight(), toppedUp.get());
			errorSamples.forEach(sample -> System.out.println("  failure: " + sample));
			System.out.println();
			System.out.println(Row.HEADER);
			rows.forEach(row -> System.out.println(row.markdown()));
			Checkpoint last = newestCheckpoint();
			if (last.incremental() < 0) {
				System.out.println();
				System.out.println("The checkpoint history holds no incremental size and the Flink REST API gave none: "
						+ "'incremental' is unknown ('-').");
			}

			int beforeEnd = minuteOf(settings.smallestHorizon());
			int afterStart = minuteOf(settings.largestHorizon().multipliedBy(2));
			int lastMinute = rows.get(rows.size() - 1).minute();
			List<Row> before = rows.stream().filter(row -> row.minute() <= beforeEnd).toList();
			List<Row> after = rows.stream().filter(row -> row.minute() >= afterStart).toList();
			System.out.println();
			System.out.printf("Growth per 1,000 paid orders (least-squares slope over the window's rows): before ="
					+ " minutes 0–%d (until the first horizon, %s, has passed); after = minutes %d–%d (once twice the"
					+ " largest, %s, has passed). Target: after ≤ 1/10 of before.%n", beforeEnd,
					text(settings.smallestHorizon()), afterStart, lastMinute, text(settings.largestHorizon()));
			if (after.size() < 5) {
				System.out.printf("The after window has %d rows: too few to tell a bound from one GC's or one deleted"
						+ " segment's noise; run at least %d minutes for a verdict.%n", after.size(), afterStart + 4);
			}
			System.out.println();
			System.out.println("| what | before | after | after / before | target met | after, a day at this rate |");
			System.out.println("|---|---|---|---|---|---|");
			double ordersPerDay = 86_400.0 * paid.get() / Math.max(1, lastMinute * 60);
			growth("heap after GC", Row::heapUsed, before, after, ordersPerDay);
			growth("command log", Row::commandLog, before, after, ordersPerDay);
			growth("checkpoint folder", Row::checkpoints, before, after, ordersPerDay);
			growth("checkpoint full size", Row::checkpointFull, before, after, ordersPerDay);

			boolean readable = checkFirstMinuteOrders();
			System.out.println();
			System.out.println("Rows: " + csv);
			System.out.println("Plot: " + png);
			System.out.println("Application log: " + appLog + "; data directory: " + dataDir);
			return readable;
		}

		private static void growth(String what, ToDoubleFunction<Row> value, List<Row> before, List<Row> after,
				double ordersPerDay) {
			double was = perThousand(value, before);
			double is = perThousand(value, after);
			boolean comparable = !Double.isNaN(was) && !Double.isNaN(is) && was > 0;
			String ratio = comparable ? String.format(Locale.ROOT, "%.3f", is / was) : "-";
			String met = !comparable ? "-" : (after.size() < 5) ? "- (too few rows)" : (is / was <= 0.1 ? "yes" : "no");
			String perDay = Double.isNaN(is) ? "-"
					: String.format(Locale.ROOT, "%,.1f MiB", is * ordersPerDay / 1_000 / 1048576.0);
			System.out.printf("| %s | %s | %s | %s | %s | %s |%n", what, perThousandText(was), perThousandText(is), ratio,
					met, perDay);
		}

		/**
		 * Bytes per 1,000 paid orders: the least-squares slope of the value against the paid orders
		 * over the rows (a slope, not the difference of the ends, as Kafka deletes segments and Flink
		 * checkpoints in steps, and one GC's heap is not the next's).
		 */
		private static double perThousand(ToDoubleFunction<Row> value, List<Row> rows) {
			List<Row> known = rows.stream().filter(row -> value.applyAsDouble(row) >= 0).toList();
			if (known.size() < 2) {
				return Double.NaN;
			}
			double meanX = known.stream().mapToDouble(Row::paid).average().orElseThrow();
			double meanY = known.stream().mapToDouble(value).average().orElseThrow();
			double covariance = 0;
			double variance = 0;
			for (Row row : known) {
				covariance += (row.paid() - meanX) * (value.applyAsDouble(row) - meanY);
				variance += (row.paid() - meanX) * (row.paid() - meanX);
			}
			return (variance == 0) ? Double.NaN : covariance / variance * 1_000;
		}

		private static String perThousandText(double bytes) {
			return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024);
		}

		/** Every order paid in the first minute is still found, paid. */
		private boolean checkFirstMinuteOrders() throws Exception {
			List<String> orders = new ArrayList<>(firstMinutePaid);
			Semaphore permits = new Semaphore(16);
			AtomicLong found = new AtomicLong();
			List<String> missing = Collections.synchronizedList(new ArrayList<>());
			List<CompletableFuture<Void>> reads = new ArrayList<>();
			for (String order : orders) {
				reads.add(bounded(permits, () -> send("GET", "/orders/find/" + order, null).thenAccept(response -> {
					if (response.statusCode() == 200 && response.body().contains("\"paid\":true")) {
						found.incrementAndGet();
					}
					else {
						missing.add(order + " (" + response.statusCode() + ")");
					}
				}).exceptionally(failure -> {
					missing.add(order + " (" + failure.getMessage() + ")");
					return null;
				})));
			}
			CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			boolean all = !orders.isEmpty() && missing.isEmpty();
			System.out.println();
			System.out.printf("Orders paid in the first minute still readable as paid (GET /orders/find): %,d of %,d: %s%n",
					found.get(), orders.size(), all ? "yes" : "NO");
			missing.stream().limit(10).forEach(order -> System.out.println("  not readable: " + order));
			return all;
		}

		/** The first row's minute at or after the duration. */
		private static int minuteOf(Duration duration) {
			return (int) ((duration.toSeconds() + 59) / 60);
		}

		private CompletableFuture<String> post(String path, String key) {
			return send("POST", path, key).thenApply(response -> ok("POST " + path, response));
		}

		private static String ok(String request, HttpResponse<String> response) {
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(request + " -> " + response.statusCode() + " " + response.body());
			}
			return response.body();
		}

		/**
		 * One request; a 503 (not sent), a 504 (outcome unknown) or a failed connection is repeated
		 * with the same {@code Idempotency-Key}, a second apart, {@link #ATTEMPTS} times at most.
		 */
		private CompletableFuture<HttpResponse<String>> send(String method, String path, String key) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
				.timeout(REQUEST_TIMEOUT)
				.header("Authorization", AUTH)
				.method(method, HttpRequest.BodyPublishers.noBody());
			if (key != null) {
				request.header("Idempotency-Key", key);
			}
			return attempt(request.build(), 1);
		}

		private CompletableFuture<HttpResponse<String>> attempt(HttpRequest request, int attempt) {
			return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
				boolean again = (failure != null || response.statusCode() == 503 || response.statusCode() == 504)
						&& attempt < ATTEMPTS;
				if (again) {
					return CompletableFuture.supplyAsync(() -> null, retryDelay)
						.thenCompose(ignored -> attempt(request, attempt + 1));
				}
				return (failure != null) ? CompletableFuture.<HttpResponse<String>>failedFuture(failure)
						: CompletableFuture.completedFuture(response);
			}).thenCompose(next -> next);
		}

		private static <T> CompletableFuture<T> bounded(Semaphore permits,
				java.util.function.Supplier<CompletableFuture<T>> task) throws InterruptedException {
			if (!permits.tryAcquire(REQUEST_TIMEOUT.toSeconds() * ATTEMPTS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("No answer to earlier requests");
			}
			return task.get().whenComplete((result, failure) -> permits.release());
		}

	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

	private static long number(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	/** {@code jcmd GC.run} (a full GC), then the heap's used bytes from {@code jcmd GC.heap_info}. */
	private static long heapAfterFullGc(long pid) {
		try {
			run(javaTool("jcmd"), Long.toString(pid), "GC.run");
			Matcher used = Pattern.compile("used (\\d+)K").matcher(run(javaTool("jcmd"), Long.toString(pid), "GC.heap_info"));
			return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** The bytes the folders take on disk (allocated blocks, as du counts: Kafka's indexes are sparse). */
	private static long diskUsage(List<Path> folders) {
		List<Path> present = folders.stream().filter(Files::isDirectory).toList();
		if (present.isEmpty()) {
			return 0;
		}
		List<String> command = new ArrayList<>(List.of("du", "-s", "-k", "-c", "--"));
		present.forEach(folder -> command.add(folder.toString()));
		try {
			String output = run(command.toArray(String[]::new));
			String[] lines = output.strip().split("\n");
			String total = lines[lines.length - 1];
			return Long.parseLong(total.substring(0, total.indexOf('\t')).trim()) * 1024;
		}
		catch (IOException | RuntimeException noDu) {
			return apparentSize(present);
		}
	}

	private static long apparentSize(List<Path> folders) {
		AtomicLong bytes = new AtomicLong();
		for (Path folder : folders) {
			try {
				Files.walkFileTree(folder, new SimpleFileVisitor<>() {

					@Override
					public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
						bytes.addAndGet(attributes.size());
						return FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFileFailed(Path file, IOException deleted) {
						return FileVisitResult.CONTINUE;
					}

				});
			}
			catch (IOException ignored) {
				// counted what was there
			}
		}
		return bytes.get();
	}

	/**
	 * Runs a short command and returns its output, within a minute; du's complaint about a file
	 * Kafka or Flink deleted while it counted leaves its total good, so its exit code is not an error.
	 */
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

	/**
	 * Heap after GC, command log and checkpoint folder against paid orders, in MiB: a panel each,
	 * with its own scale from zero, so that the small ones' growth shows beside the heap.
	 */
	private static void plot(List<Row> rows, Path png, Settings settings) throws IOException {
		List<String> names = List.of("heap after full GC", "command log on disk", "functions checkpoint folder");
		List<ToDoubleFunction<Row>> series = List.of(Row::heapUsed, Row::commandLog, Row::checkpoints);
		List<Color> colours = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c));
		int width = 900;
		int left = 80;
		int right = 30;
		int top = 50;
		int panelHeight = 170;
		int gap = 45;
		int bottom = 55;
		int height = top + series.size() * panelHeight + (series.size() - 1) * gap + bottom;
		int plotWidth = width - left - right;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		String horizons = settings.smallestHorizon().equals(settings.largestHorizon())
				? text(settings.smallestHorizon())
				: text(settings.smallestHorizon()) + "–" + text(settings.largestHorizon());
		g.drawString(String.format(Locale.ROOT, "Soak: %d orders/s for %s, horizons %s", settings.rate(),
				text(settings.duration()), horizons), left, 25);
		double maxX = niceCeiling(Math.max(1, rows.stream().mapToLong(Row::paid).max().orElse(1)));
		for (int s = 0; s < series.size(); s++) {
			ToDoubleFunction<Row> value = series.get(s);
			int panelTop = top + s * (panelHeight + gap);
			double maxY = niceCeiling(Math.max(0.1, rows.stream().mapToDouble(value).max().orElse(0) / 1048576.0));
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
			for (int tick = 0; tick <= 4; tick++) {
				int y = panelTop + panelHeight - panelHeight * tick / 4;
				g.setColor(new Color(0xe4e4e4));
				g.drawLine(left, y, left + plotWidth, y);
				g.setColor(Color.DARK_GRAY);
				String label = new java.math.BigDecimal(maxY * tick / 4).setScale(2, java.math.RoundingMode.HALF_UP)
					.stripTrailingZeros().toPlainString();
				g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
			}
			for (int tick = 0; tick <= 5; tick++) {
				int x = left + plotWidth * tick / 5;
				g.setColor(new Color(0xe4e4e4));
				g.drawLine(x, panelTop, x, panelTop + panelHeight);
				g.setColor(Color.DARK_GRAY);
				String label = String.format(Locale.ROOT, "%,.0f", maxX * tick / 5);
				g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, panelTop + panelHeight + 15);
			}
			g.setColor(Color.BLACK);
			g.drawRect(left, panelTop, plotWidth, panelHeight);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
			g.setColor(colours.get(s));
			g.drawString(names.get(s) + " (MiB)", left, panelTop - 6);
			g.setStroke(new BasicStroke(2f));
			int previousX = -1;
			int previousY = -1;
			for (Row row : rows) {
				double bytes = value.applyAsDouble(row);
				if (bytes < 0) {
					continue;
				}
				int x = left + (int) Math.round(plotWidth * row.paid() / maxX);
				int y = panelTop + panelHeight - (int) Math.round(panelHeight * (bytes / 1048576.0) / maxY);
				g.fillOval(x - 3, y - 3, 6, 6);
				if (previousX >= 0) {
					g.drawLine(previousX, previousY, x, y);
				}
				previousX = x;
				previousY = y;
			}
			g.setStroke(new BasicStroke(1f));
		}
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawString("paid orders", left + plotWidth / 2 - 30, height - 15);
		g.dispose();
		ImageIO.write(image, "png", png.toFile());
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	/**
	 * Stops the application as a clean stop does (SIGTERM: it answers what is in flight and takes
	 * a savepoint of each job), forcibly after two minutes, and any child it left (a managed influxd).
	 */
	private static void stop(Process app) {
		if (!STOPPED.compareAndSet(false, true)) {
			return;
		}
		List<ProcessHandle> children = app.descendants().toList();
		app.destroy();
		try {
			if (!app.waitFor(2, TimeUnit.MINUTES)) {
				System.err.println("The application did not stop within two minutes: killing it");
				app.destroyForcibly();
				app.waitFor(30, TimeUnit.SECONDS);
			}
			for (ProcessHandle child : children) {
				if (child.isAlive()) {
					child.destroy();
					child.onExit().get(30, TimeUnit.SECONDS);
				}
			}
		}
		catch (Exception ex) {
			children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		}
	}

	private static void awaitHealthy(String url, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited");
			}
			try {
				if (CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The application did not become healthy in 3 minutes");
	}

	/** The application's own reason, such as a horizon it refuses: its log's errors, the last 20 lines of them. */
	private static void printWhyItStopped(Path appLog) {
		try {
			List<String> lines = Files.readAllLines(appLog, StandardCharsets.UTF_8).stream()
				.filter(line -> line.contains("ERROR") || line.contains("Exception") || line.startsWith("Caused by"))
				.toList();
			lines.subList(Math.max(0, lines.size() - 20), lines.size())
				.forEach(line -> System.err.println("  " + (line.length() > 400 ? line.substring(0, 400) + "…" : line)));
		}
		catch (IOException | UncheckedIOException ex) {
			// said where the log is
		}
	}

	/** BENCH_JAR, else the packaged {@code target/statefront.jar} (or a versioned {@code statefront-*.jar}). */
	private static Path jar() throws IOException {
		String chosen = System.getenv("BENCH_JAR");
		if (chosen != null && !chosen.isBlank()) {
			return Path.of(chosen).toAbsolutePath();
		}
		Path jar = Path.of("target/statefront.jar");
		if (Files.isRegularFile(jar)) {
			return jar.toAbsolutePath();
		}
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "statefront-*.jar")) {
			for (Path candidate : jars) {
				if (!candidate.toString().endsWith("-plain.jar")) {
					return candidate.toAbsolutePath();
				}
			}
		}
		catch (IOException noTarget) {
			// said below
		}
		throw new IllegalStateException("Build the jar first: ./mvnw -q package -DskipTests");
	}

	/**
	 * The build measured: the jar keeps no commit of its own, so this is the worktree's HEAD, which
	 * names the jar if it was built there (and whether the application's sources have changed since);
	 * a BENCH_JAR is named by its path.
	 */
	private static String buildOf(Path jar) {
		if (System.getenv("BENCH_JAR") != null && !System.getenv("BENCH_JAR").isBlank()) {
			return jar.toString();
		}
		try {
			String head = run("git", "rev-parse", "--short", "HEAD").strip();
			boolean changed = !run("git", "status", "--porcelain", "--untracked-files=no", "--", "src", "pom.xml")
				.isBlank();
			return head.isEmpty() ? "unknown build" : head + (changed ? " with uncommitted changes to src" : "");
		}
		catch (IOException ex) {
			return "unknown build";
		}
	}

	private static long rss(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D+", "")) * 1024)
			.findFirst()
			.orElse(-1);
	}

	/** 15m, 90s, 250ms. */
	static String text(Duration duration) {
		if (duration.toMillis() % 1000 != 0) {
			return duration.toMillis() + "ms";
		}
		return (duration.toSeconds() % 60 == 0) ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
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
