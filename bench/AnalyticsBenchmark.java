import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.statefront.analytics.AnalyticsPipeline;
import io.statefront.analytics.AnalyticsProperties;
import io.statefront.analytics.EventType;
import io.statefront.analytics.MetricResult;
import io.statefront.analytics.TrafficModel;
import io.statefront.analytics.WebsiteEvent;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.platform.kafka.EmbeddedKafkaBroker;
import io.statefront.platform.kafka.Json;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The analytics job's capacity and latency.
 *
 * <p>Capacity: a backlog of simulated events (the simulator's own traffic model, timestamped as if
 * sent at 50,000 a second) waits in a Kafka broker run by this process; the analytics job reads it
 * as fast as it can, on a bare MiniCluster without Spring (a JVM of its own running the same job
 * graph with the same Flink settings, checkpoints every 10 s included) and inside the packaged
 * application, alternately for a few rounds, as the machine's speed drifts. The rate is the events of the windows
 * whose results arrived between the first result and the last, over that time: what the job
 * keeps up with once running.
 *
 * <p>Latency: then live events at a steady rate go to the application, and a STOMP client
 * subscribed to {@code /topic/metrics} times each result from its window's end. A window
 * can only close once events {@code out-of-orderness} (5 s) past its end have been seen, so that
 * allowance is reported apart and the latency counted from the end of it
 * ({@code BENCH_OUT_OF_ORDERNESS_MS=0} runs both hosts without it).
 *
 * <p>The traffic model marks its events simulated, so the job's real-only windows see none of
 * them; {@code BENCH_REAL_TRAFFIC=true} sends them as real events instead, which every window then
 * counts twice (all traffic, and real traffic alone): the cost of an installation whose traffic is
 * all real. Capacity is timed on the all-traffic results.
 *
 * <pre>
 * ./mvnw -q package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath
 * java -cp "target/classes:$(cat target/runtime.classpath)" bench/AnalyticsBenchmark.java [backlog-events] [live-seconds] [live-rate] [rounds]
 * </pre>
 */
public class AnalyticsBenchmark {

	private static final int TIMELINE_EVENTS_PER_SECOND = 50_000;

	private static final long WINDOW = 5_000;

	/** The analytics job's out-of-orderness in both hosts: the application's default unless set. */
	private static final long OUT_OF_ORDERNESS = Long
		.parseLong(System.getenv().getOrDefault("BENCH_OUT_OF_ORDERNESS_MS", "5000"));

	private static final String PASSWORD = "bench";

	/** Whether the backlog and the live traffic go as real events rather than simulated ones. */
	private static final boolean REAL_TRAFFIC = Boolean.parseBoolean(System.getenv("BENCH_REAL_TRAFFIC"));

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Events per window end of the backlog, and the window ends in order. */
	record Backlog(TreeMap<Long, Long> eventsByWindowEnd) {

		long lastWindowEnd() {
			return eventsByWindowEnd.lastKey();
		}

	}

	record Capacity(String host, double eventsPerSecond, long events, double seconds, double cores) {

		String row() {
			return String.format("| %s | %,.0f | %,d | %.1f | %.2f |", host, eventsPerSecond, events, seconds, cores);
		}

	}

	public static void main(String[] args) throws Exception {
		// without a logback configuration everything would be logged at DEBUG, a load of its own
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		if (args.length > 0 && args[0].equals("baseline")) {
			runBaseline(args[1], Path.of(args[2]));
			return;
		}
		int backlogEvents = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
		int liveSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
		int liveRate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;

		Path work = Files.createTempDirectory("statefront-bench-analytics-");
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(work.resolve("kafka"), freePort(), freePort())) {
			String bootstrap = broker.bootstrapServers();
			createTopics(bootstrap);
			System.out.printf("Writing a backlog of %,d events...%n", backlogEvents);
			Backlog backlog = writeBacklog(bootstrap, backlogEvents);

			// the machine's speed drifts: alternate the two hosts and compare each pair
			List<Capacity> capacities = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				Process baseline = startBaseline(bootstrap, work.resolve("baseline-" + round));
				try {
					capacities.add(measureCapacity("bare MiniCluster", bootstrap, backlog, baseline));
				}
				finally {
					baseline.destroy();
					baseline.waitFor(30, TimeUnit.SECONDS);
				}
				int port = freePort();
				Process app = startApp(bootstrap, work.resolve("app-" + round), port);
				try {
					capacities.add(measureCapacity("application", bootstrap, backlog, app));
					if (round == rounds) {
						printCapacities(capacities);
						measureLatency(bootstrap, port, liveSeconds, liveRate);
					}
				}
				finally {
					app.destroy();
					app.waitFor(60, TimeUnit.SECONDS);
				}
			}
		}
	}

	private static void printCapacities(List<Capacity> capacities) {
		System.out.println();
		System.out.println("| analytics job on | events/s | events | seconds | CPU cores |");
		System.out.println("|---|---|---|---|---|");
		capacities.forEach(capacity -> System.out.println(capacity.row()));
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i + 1 < capacities.size(); i += 2) {
			ratios.add(capacities.get(i + 1).eventsPerSecond() / capacities.get(i).eventsPerSecond());
		}
		String perRound = ratios.stream().map(ratio -> String.format("%.0f %%", ratio * 100)).toList().toString();
		ratios.sort(null);
		System.out.printf("%nApplication / bare MiniCluster, per round: %s; median %.0f %%%n", perRound,
				ratios.get(ratios.size() / 2) * 100);
	}

	private static Process startBaseline(String bootstrap, Path dir) throws IOException {
		Files.createDirectories(dir);
		List<String> command = new ArrayList<>(List.of(javaExecutable()));
		String jvmOptions = System.getenv().getOrDefault("BENCH_BASELINE_JVM_OPTS", "");
		if (!jvmOptions.isBlank()) {
			command.addAll(List.of(jvmOptions.trim().split("\\s+")));
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "bench/AnalyticsBenchmark.java",
				"baseline", bootstrap, dir.toString()));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("baseline.log").toFile())
			.start();
	}

	/** The same job graph on a MiniCluster of its own, with the application's Flink settings and no Spring. */
	private static void runBaseline(String bootstrap, Path dir) throws Exception {
		Configuration config = new Configuration();
		config.setString("parallelism.default", "1");
		config.setString("pipeline.generic-types", "false");
		config.setString("pipeline.auto-watermark-interval", "50 ms");
		config.setString("state.backend.type", "hashmap");
		config.setString("taskmanager.memory.managed.size", "32m");
		config.setString("execution.checkpointing.interval", "10 s");
		config.setString("execution.checkpointing.storage", "filesystem");
		config.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
		StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
		new AnalyticsPipeline(defaultSettings()).addTo(env, new FlinkKafka(bootstrap, "bench-baseline", false));
		JobClient job = env.executeAsync("analytics (bare MiniCluster)");
		System.out.println("Baseline job " + job.getJobID() + " running");
		Thread.sleep(Long.MAX_VALUE);
	}

	private static AnalyticsProperties defaultSettings() {
		return new AnalyticsProperties(Duration.ofMillis(OUT_OF_ORDERNESS), Duration.ofSeconds(30),
				Duration.ofMillis(WINDOW), Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofSeconds(10), 0.7,
				3, Duration.ofMinutes(30), Duration.ofMillis(5));
	}

	private static Process startApp(String bootstrap, Path work, int port) throws Exception {
		Files.createDirectories(work);
		Path jar = Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/statefront.jar"));
		List<String> command = new ArrayList<>(List.of(javaExecutable()));
		String jvmOptions = System.getenv().getOrDefault("BENCH_APP_JVM_OPTS", "");
		if (!jvmOptions.isBlank()) {
			command.addAll(List.of(jvmOptions.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(),
				"--server.port=" + port, "--statefront.data-dir=" + work.resolve("app"),
				"--spring.kafka.bootstrap-servers=" + bootstrap, "--statefront.security.api-password=" + PASSWORD,
				"--statefront.simulator.enabled=false", "--statefront.influx.managed.port=0",
				"--statefront.analytics.out-of-orderness=" + OUT_OF_ORDERNESS + "ms",
				"--logging.level.root=WARN"));
		String appArguments = System.getenv().getOrDefault("BENCH_APP_ARGS", "");
		if (!appArguments.isBlank()) {
			command.addAll(List.of(appArguments.trim().split("\\s+")));
		}
		Process app = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("app.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return app;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The application did not become healthy; see " + work.resolve("app.log"));
	}

	private static void createTopics(String bootstrap) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			// and the shop's topics the job also reads (revenue lost and reconciled, low stock), empty here:
			// by name, so that this benchmark runs builds from before the job read them too
			admin.createTopics(List.of(new NewTopic(WebsiteEvent.TOPIC, 12, (short) 1),
					new NewTopic(MetricResult.TOPIC, 4, (short) 1), new NewTopic("cep-alerts", 4, (short) 1),
					new NewTopic("checkout-refusals", 4, (short) 1), new NewTopic("order-archive", 4, (short) 1),
					new NewTopic("stock-levels", 4, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Simulated traffic, timestamped as if it came at 50,000 a second and ending an hour ago, then
	 * one event per partition a minute past the last, so that every window of the backlog closes.
	 */
	private static Backlog writeBacklog(String bootstrap, int events) throws Exception {
		long start = System.currentTimeMillis() - Duration.ofHours(1).toMillis()
				- events * 1000L / TIMELINE_EVENTS_PER_SECOND;
		AtomicLong sent = new AtomicLong();
		TrafficModel traffic = new TrafficModel(new SplittableRandom(42),
				() -> start + sent.get() * 1000 / TIMELINE_EVENTS_PER_SECOND);
		TreeMap<Long, Long> byWindowEnd = new TreeMap<>();
		long last = start;
		try (KafkaProducer<String, byte[]> producer = producer(bootstrap, "20")) {
			for (int i = 0; i < events; i++) {
				WebsiteEvent event = marked(traffic.next());
				sent.incrementAndGet();
				byWindowEnd.merge(event.timestamp() / WINDOW * WINDOW + WINDOW, 1L, Long::sum);
				last = Math.max(last, event.timestamp());
				producer.send(new ProducerRecord<>(WebsiteEvent.TOPIC, event.key(), Json.write(event)));
			}
			for (int partition = 0; partition < 12; partition++) {
				WebsiteEvent closer = new WebsiteEvent("closer-" + partition, last + 60_000, EventType.SESSION_START,
						null, "closer-" + partition, null,
						new WebsiteEvent.SessionData("bench", "127.0.0.1", "Nowhere", "Nowhere", "desktop", "none",
								"none"),
						null);
				producer.send(new ProducerRecord<>(WebsiteEvent.TOPIC, partition, closer.key(), Json.write(closer)));
			}
			producer.flush();
		}
		return new Backlog(byWindowEnd);
	}

	/** Waits for the page-view results of every backlog window and times them. */
	private static Capacity measureCapacity(String host, String bootstrap, Backlog backlog, Process process)
			throws Exception {
		System.out.printf("Reading the backlog on the %s...%n", host);
		try (KafkaConsumer<String, byte[]> results = consumerAtEnd(bootstrap, MetricResult.TOPIC)) {
			long firstAt = 0;
			long firstWindowEnd = 0;
			long firstCpu = 0;
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The " + host + " exited");
				}
				for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(100))) {
					MetricResult result = Json.read(record.value(), MetricResult.class);
					if (!result.measurement().equals("page_views_per_second") || result.realOnly()
							|| !backlog.eventsByWindowEnd().containsKey(result.windowEnd())) {
						continue;
					}
					long now = System.nanoTime();
					if (firstAt == 0) {
						firstAt = now;
						firstWindowEnd = result.windowEnd();
						firstCpu = cpuTicks(process.pid());
					}
					if (result.windowEnd() == backlog.lastWindowEnd()) {
						long events = backlog.eventsByWindowEnd()
							.subMap(firstWindowEnd, false, backlog.lastWindowEnd(), true)
							.values()
							.stream()
							.mapToLong(Long::longValue)
							.sum();
						double seconds = (now - firstAt) / 1e9;
						double cores = (cpuTicks(process.pid()) - firstCpu) / 100.0 / seconds;
						return new Capacity(host, events / seconds, events, seconds, cores);
					}
				}
			}
			throw new IllegalStateException("The " + host + " did not get through the backlog in 15 minutes");
		}
	}

	/** Live traffic at {@code rate} a second; each result timed from its window's end to STOMP. */
	private static void measureLatency(String bootstrap, int port, int seconds, int rate) throws Exception {
		System.out.printf("%nLive: %,d events/s for %d s, results timed at a STOMP client...%n", rate, seconds);
		Map<String, Long> receivedAt = new ConcurrentHashMap<>();
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(("api:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		StompSession session = client
			.connectAsync("ws://localhost:" + port + "/ws", handshake, new StompSessionHandlerAdapter() {
			})
			.get(10, TimeUnit.SECONDS);
		session.subscribe("/topic/metrics", new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return JsonNode.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				JsonNode result = (JsonNode) payload;
				receivedAt.putIfAbsent(result.path("measurement").asString() + "@" + result.path("windowEnd").asLong()
						+ "@" + result.path("tagValue").asString("") + "@" + result.path("realOnly").asBoolean(),
						System.currentTimeMillis());
			}
		});

		long liveStart = System.currentTimeMillis();
		TrafficModel traffic = new TrafficModel(new SplittableRandom(7), System::currentTimeMillis);
		try (KafkaProducer<String, byte[]> producer = producer(bootstrap, "0")) {
			long perTick = rate / 100;
			long next = System.nanoTime();
			for (long tick = 0; tick < seconds * 100L; tick++) {
				for (int i = 0; i < perTick; i++) {
					WebsiteEvent event = marked(traffic.next());
					producer.send(new ProducerRecord<>(WebsiteEvent.TOPIC, event.key(), Json.write(event)));
				}
				next += 10_000_000;
				long sleep = next - System.nanoTime();
				if (sleep > 0) {
					TimeUnit.NANOSECONDS.sleep(sleep);
				}
			}
		}
		Thread.sleep(1_000);
		session.disconnect();
		client.stop();

		// results of windows that ended before the live traffic are the backlog's
		List<Long> latencies = new ArrayList<>();
		List<Long> waited = new ArrayList<>();
		receivedAt.forEach((result, at) -> {
			long windowEnd = Long.parseLong(result.split("@")[1]);
			if (windowEnd >= liveStart + 2 * WINDOW) {
				waited.add(at - windowEnd);
				latencies.add(at - windowEnd - OUT_OF_ORDERNESS);
			}
		});
		if (latencies.isEmpty()) {
			throw new IllegalStateException("No result of the live traffic reached the STOMP client ("
					+ receivedAt.size() + " results in all); run the live traffic longer");
		}
		latencies.sort(null);
		waited.sort(null);
		System.out.printf("%d results. From window end + %d ms out-of-orderness to STOMP: p50 %d ms, p95 %d ms, "
				+ "p99 %d ms, max %d ms (from window end itself: p50 %d ms, p95 %d ms)%n", latencies.size(),
				OUT_OF_ORDERNESS, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
				latencies.get(latencies.size() - 1), percentile(waited, 50), percentile(waited, 95));
	}

	/** The traffic model's event, as a real visitor's when {@code BENCH_REAL_TRAFFIC} asks for it. */
	private static WebsiteEvent marked(WebsiteEvent event) {
		return REAL_TRAFFIC ? new WebsiteEvent(event.eventId(), event.timestamp(), event.eventType(), event.userId(),
				event.sessionId(), event.pageViewData(), event.sessionData(), event.conversionData()) : event;
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
	}

	private static KafkaProducer<String, byte[]> producer(String bootstrap, String lingerMs) {
		return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "key.serializer", StringSerializer.class,
				"value.serializer", ByteArraySerializer.class, "linger.ms", lingerMs, "batch.size", "262144", "acks",
				"1"));
	}

	private static KafkaConsumer<String, byte[]> consumerAtEnd(String bootstrap, String topic) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class));
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map(partition -> new TopicPartition(topic, partition.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return consumer;
	}

	/** User plus system CPU time of a process, in clock ticks (1/100 s on Linux). */
	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
