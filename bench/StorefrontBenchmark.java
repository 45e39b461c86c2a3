import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Click to recommendation: connected shoppers (1,000 by default), each a storefront session with
 * its STOMP connection on {@code /shop/ws} subscribed to its recommendations, click products at a
 * fixed total rate (500 a second), open-loop, as the storefront's pages do (a boosted link: the
 * product page's content); each click is timed from its scheduled moment to
 * the shopper's recommendation arriving over STOMP. Each shopper has one click in flight at most
 * (a shopper clicks every two seconds), so a recommendation belongs to that shopper's last click.
 *
 * <pre>
 * ./mvnw -q package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath
 * java -cp "target/classes:$(cat target/runtime.classpath)" bench/StorefrontBenchmark.java [shoppers] [clicks-per-second] [seconds] [warm-up-seconds]
 * </pre>
 */
public class StorefrontBenchmark {

	/**
	 * The clicks' client: OkHttp, because at 500 requests a second the JDK's client took a quarter
	 * of the machine's 2 cores from the application it measures.
	 */
	private static final OkHttpClient CLICKS = clicksClient();

	// its default executor's threads are daemons: the benchmark ends when it is done
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		int shoppers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
		int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 120;

		Path work = Files.createTempDirectory("statefront-bench-storefront-");
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable()));
		String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTS", "");
		if (!jvmOptions.isBlank()) {
			command.addAll(List.of(jvmOptions.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", System.getenv().getOrDefault("BENCH_JAR", "target/statefront.jar"),
				"--server.port=" + port, "--statefront.data-dir=" + work.resolve("data"),
				"--statefront.kafka.embedded.port=" + freePort(), "--statefront.kafka.embedded.controller-port=" + freePort(),
				"--statefront.influx.managed.port=0", "--statefront.simulator.enabled=false",
				"--statefront.security.api-password=bench", "--logging.level.root=WARN",
				// every shopper of the benchmark connects from this one address: past the cap on STOMP
				// connections per address that a real shop keeps
				"--statefront.limits.stomp-connections-per-address=" + (shoppers + 10),
				// and their clicks come from it too: past the storefront's rate per address
				"--statefront.limits.storefront-requests-per-second=" + Math.max(10, rate * 10)));
		Process app = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("app.log").toFile())
			.start();
		WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
		stomp.setMessageConverter(new JacksonJsonMessageConverter());
		try {
			String base = "http://localhost:" + port;
			awaitHealthy(base, app);
			System.out.printf("Connecting %,d shoppers...%n", shoppers);
			List<String> sessions = new ArrayList<>();
			Map<String, Long> clickedAt = new ConcurrentHashMap<>();
			List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
			AtomicLong received = new AtomicLong();
			List<StompSession> connections = new ArrayList<>();
			for (int i = 0; i < shoppers; i++) {
				String[] sessionAndToken = openSession(base);
				String session = sessionAndToken[0];
				sessions.add(session);
				WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
				handshake.add("Cookie", session);
				// as the page does: its CSRF token on CONNECT
				StompHeaders connect = new StompHeaders();
				connect.add("X-CSRF-TOKEN", sessionAndToken[1]);
				StompSession connection = stomp
					.connectAsync(URI.create("ws://localhost:" + port + "/shop/ws"), handshake, connect,
							new StompSessionHandlerAdapter() {
							})
					.get(10, TimeUnit.SECONDS);
				connection.subscribe("/user/queue/recommendations", new StompFrameHandler() {

					@Override
					public Type getPayloadType(StompHeaders headers) {
						return Object.class;
					}

					@Override
					public void handleFrame(StompHeaders headers, Object payload) {
						Long clicked = clickedAt.remove(session);
						if (clicked != null) {
							latencies.add(new long[] { clicked, System.nanoTime() - clicked });
							received.incrementAndGet();
						}
					}
				});
				connections.add(connection);
			}

			// the JIT compiles for minutes under this load before the click's path runs at full speed
			System.out.printf("Warming up for %d s...%n", warmUp);
			run(base, sessions, rate, warmUp, clickedAt);
			Thread.sleep(2_000);
			latencies.clear();
			received.set(0);
			clickedAt.clear();

			System.out.printf("%,d clicks/s for %d s...%n", rate, seconds);
			long measured = System.nanoTime();
			long clicks = run(base, sessions, rate, seconds, clickedAt);
			Thread.sleep(2_000);
			List<long[]> timed = new ArrayList<>(latencies);
			printEachTenSeconds(timed, measured);
			List<Long> sorted = new ArrayList<>(timed.stream().map(click -> click[1]).toList());
			sorted.sort(null);
			if (sorted.isEmpty()) {
				throw new IllegalStateException("No recommendation reached the shoppers; see " + work.resolve("app.log"));
			}
			System.out.printf("%n| shoppers | clicks/s | clicks | recommendations | p50 ms | p95 ms | p99 ms | max ms |%n");
			System.out.printf("|---|---|---|---|---|---|---|---|%n");
			System.out.printf("| %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f |%n", shoppers, rate, clicks,
					received.get(), millis(sorted, 50), millis(sorted, 95), millis(sorted, 99),
					sorted.get(sorted.size() - 1) / 1e6);
			connections.forEach(StompSession::disconnect);
		}
		finally {
			stomp.stop();
			CLICKS.dispatcher().executorService().shutdown();
			app.destroy();
			app.waitFor(60, TimeUnit.SECONDS);
		}
	}

	/** Product page views at {@code rate} a second, shoppers in turn, each timed from its scheduled moment. */
	private static long run(String base, List<String> sessions, int rate, int seconds, Map<String, Long> clickedAt) {
		SplittableRandom random = new SplittableRandom(5);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		long clicks = (long) rate * seconds;
		for (long i = 0; i < clicks; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			String session = sessions.get((int) (i % sessions.size()));
			clickedAt.put(session, due);
			// what the storefront's page sends when a shopper clicks a product: a boosted link, which
			// asks for the page's content only (the header and the recommendations panel stay)
			Request click = new Request.Builder().url(base + "/shop/product/" + random.nextInt(300))
				.header("Cookie", session)
				.header("HX-Request", "true")
				.header("HX-Boosted", "true")
				.build();
			CLICKS.newCall(click).enqueue(DISCARD_PAGE);
		}
		return clicks;
	}

	private static final Callback DISCARD_PAGE = new Callback() {

		@Override
		public void onResponse(Call call, Response response) throws IOException {
			try (response) {
				response.body().source().readAll(Okio.blackhole());
			}
		}

		@Override
		public void onFailure(Call call, IOException failure) {
			// an unanswered click gets no recommendation: it shows in "recommendations" < "clicks"
		}

	};

	private static OkHttpClient clicksClient() {
		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequests(1_000);
		dispatcher.setMaxRequestsPerHost(1_000);
		return new OkHttpClient.Builder().dispatcher(dispatcher)
			.connectionPool(new ConnectionPool(200, 1, TimeUnit.MINUTES))
			.build();
	}

	/**
	 * A storefront visit: the cookies its first page gave (the shopper's and the visit's ids, the CSRF
	 * token; a guest has no session), as one Cookie header, and the CSRF token its page carries.
	 */
	private static String[] openSession(String base) throws Exception {
		HttpResponse<String> home = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookies = home.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(cookie -> cookie.substring(0, cookie.indexOf(';')))
			.collect(java.util.stream.Collectors.joining("; "));
		String body = home.body();
		int meta = body.indexOf("<meta name=\"_csrf\" content=\"") + "<meta name=\"_csrf\" content=\"".length();
		return new String[] { cookies, body.substring(meta, body.indexOf('"', meta)) };
	}

	/** p50, p95 and max of the clicks made in each 10 s of the run: a stall shows where it happened. */
	private static void printEachTenSeconds(List<long[]> timed, long start) {
		Map<Long, List<Long>> windows = new java.util.TreeMap<>();
		for (long[] click : timed) {
			windows.computeIfAbsent((click[0] - start) / TimeUnit.SECONDS.toNanos(10), window -> new ArrayList<>())
				.add(click[1]);
		}
		windows.forEach((window, latencies) -> {
			latencies.sort(null);
			System.out.printf("  %3d-%3d s: %,6d timed, p50 %7.1f ms, p95 %7.1f ms, max %7.1f ms%n", window * 10,
					window * 10 + 10, latencies.size(), millis(latencies, 50), millis(latencies, 95),
					latencies.get(latencies.size() - 1) / 1e6);
		});
	}

	private static double millis(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1)) / 1e6;
	}

	private static void awaitHealthy(String base, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The application did not become healthy");
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
