package io.statefront.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.kafka.Json;
import io.statefront.recommendation.ShopEvent;
import io.statefront.recommendation.ShopEventType;
import io.statefront.support.Api;
import io.statefront.support.AppProcess;
import io.statefront.support.HaproxyProcess;
import io.statefront.support.Installed;
import io.statefront.support.KafkaClusterProcesses;
import io.statefront.support.S3MockProcess;
import io.statefront.support.StandaloneFlinkCluster;
import io.statefront.support.StompSubscriber;
import io.statefront.support.history.AppliedChanges;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.CreditClient;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import io.statefront.support.history.Outcome;
import io.statefront.support.history.Verdict;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop past one machine, as docs/operations.md ("Scaling out") lays it out, every part a process
 * of its own: two instances of the packaged jar (embedded Flink off, electing the one that manages
 * the jobs, each with its own reply partitions) behind Debian's HAProxy, one standalone Flink
 * cluster, three Kafka brokers (replication 3, {@code min.insync.replicas} 2) and the checkpoints on
 * an S3-compatible store (S3Mock). Ledger writes and checkouts go through the balancer while the
 * instance managing the jobs is killed with {@code kill -9} and started again, and then one broker
 * is killed. Then nothing acknowledged is lost, nothing applied twice, nothing refused applied
 * ({@link BankChecker} and each checkout's saga against the functions' exactly-once log), and a
 * shopper's recommendation reaches them through either instance.
 */
class ScaleOutIT {

	private static final String PASSWORD = "scale-out-test";

	private static final int USERS = 60;

	/** Users 0 to 29 check out; the ledger's clients pay in and take out on 30 to 59. */
	private static final int SHOPPERS = 30;

	private static final int ITEMS = 20;

	private static final int ORDERS = 5_000;

	private static final long CREDIT = 5;

	private static final long STOCK = 8;

	private static final int CLIENTS = 4;

	private static final long PAUSE_MILLIS = 200;

	/** Each client's pause between operations: a load the two cores can carry beside nine JVMs. */
	private static final long PACE_MILLIS = 50;

	@TempDir
	Path work;

	private final History ledger = new History();

	private final History checkouts = new History();

	@Test
	void nothingIsLostDuplicatedOrAppliedWhenRefusedWhileTheManagerAndABrokerAreKilled() throws Exception {
		Installed.haproxy();
		long began = System.nanoTime();
		Path logs = Files.createDirectories(Path.of("target", "scale-out-it"));
		try (S3MockProcess store = new S3MockProcess(Files.createDirectories(work.resolve("s3")), logs.resolve("s3mock.log"));
				KafkaClusterProcesses kafka = new KafkaClusterProcesses(work.resolve("kafka"), logs);
				StandaloneFlinkCluster flink = new StandaloneFlinkCluster(work.resolve("flink"), logs, 4)
					.withPlugins(S3MockProcess.FLINK_PLUGINS, store.flinkSettings());
				AppProcess first = instance(work.resolve("app-1"), logs.resolve("app-1.log"));
				AppProcess second = instance(work.resolve("app-2"), logs.resolve("app-2.log"));
				HaproxyProcess balancer = new HaproxyProcess(work.resolve("haproxy"), logs.resolve("haproxy.log"))) {
			for (String log : List.of("app-1.log", "app-2.log", "haproxy.log", "jobmanager.log", "taskmanager.log",
					"s3mock.log", "broker-1.log", "broker-2.log", "broker-3.log")) {
				Files.deleteIfExists(logs.resolve(log));
			}
			store.start(Duration.ofMinutes(1));
			flink.start();
			kafka.start(Duration.ofMinutes(4));
			List<AppProcess> instances = List.of(first, second);
			List<String[]> settings = List.of(settings(store, kafka, flink, 1, "0,2"), settings(store, kafka, flink, 2, "1,3"));
			first.start(settings.get(0));
			second.start(settings.get(1));
			flink.awaitSlots(Duration.ofMinutes(4));
			first.awaitHealthy(Duration.ofMinutes(5));
			second.awaitHealthy(Duration.ofMinutes(5));
			balancer.start(List.of(first.httpPort(), second.httpPort()));
			balancer.awaitReady(Duration.ofMinutes(1));
			long upAt = System.nanoTime();

			Api api = balancer.api("api", PASSWORD);
			Api admin = balancer.api("admin", PASSWORD);
			batchInit(admin, "/payment/batch_init/" + USERS + "/" + CREDIT);
			batchInit(admin, "/stock/batch_init/" + ITEMS + "/" + STOCK + "/1");
			batchInit(admin, "/orders/batch_init/" + ORDERS + "/" + ITEMS + "/" + SHOPPERS + "/1");
			CreditClient credit = new CreditClient(api, ledger);
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS);
			startLedgerClients(clients, credit, running);
			startCheckoutClients(clients, api, running);

			Thread.sleep(4_000);
			int manager = awaitManager(instances, Duration.ofMinutes(1));
			int follower = 1 - manager;
			instances.get(manager).kill();
			assertThat(awaitManager(List.of(instances.get(follower)), Duration.ofMinutes(1))).isZero();
			instances.get(manager).start(settings.get(manager));
			instances.get(manager).awaitHealthy(Duration.ofMinutes(5));
			Thread.sleep(2_000);
			kafka.kill(new Random().nextInt(KafkaClusterProcesses.BROKERS));
			Thread.sleep(6_000);
			running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			long loadEnded = System.nanoTime();

			int unresolvedLedger = ledger.unresolved().size();
			int unresolvedCheckouts = checkouts.unresolved().size();
			credit.settle();
			for (Operation checkout : checkouts.unresolved()) {
				Operation current = checkout;
				for (int attempt = 0; current.outcome() == Outcome.UNKNOWN && attempt < 20; attempt++) {
					current = checkout(api, orderOf(checkout));
					Thread.sleep((current.outcome() == Outcome.UNKNOWN) ? 500 : 0);
				}
			}
			assertThat(ledger.unresolved()).as("ledger writes unresolved after the retries").isEmpty();
			assertThat(checkouts.unresolved()).as("checkouts unresolved after the retries").isEmpty();
			Map<String, Long> balances = new HashMap<>();
			for (int user = 0; user < USERS; user++) {
				balances.put("user/" + user, read(api, "/payment/find_user/" + user).path("credit").asLong());
			}
			for (int item = 0; item < ITEMS; item++) {
				balances.put("item/" + item, read(api, "/stock/find/" + item).path("stock").asLong());
			}
			List<AppliedChange> changes = AppliedChanges.read(kafka.bootstrapServers(), Duration.ofMinutes(1));
			Verdict ledgerVerdict = BankChecker.check(ledger, changes, balances);
			Verdict checkoutVerdict = BankChecker.check(checkouts, changes, Map.of());
			List<String> sagas = ShopSagas.problems(checkouts, changes, api);
			long paid = ShopSagas.paid(checkouts);

			assertThat(store.keys("scale-out/checkpoints/functions/")).as("the functions job's checkpoints, in the store")
				.anyMatch(key -> key.endsWith("/_metadata"));
			recommendationReachesEitherInstance(instances, kafka.bootstrapServers());
			System.out.printf("Scale-out test: everything up in %.0f s; under load %.0f s (the manager killed and "
					+ "restarted, a broker killed); %d ledger writes and %d checkouts unresolved at the end of the load "
					+ "and retried; ledger %s; %d checkouts, %d paid; %.0f s in all%n", seconds(upAt - began),
					seconds(loadEnded - upAt), unresolvedLedger, unresolvedCheckouts, ledgerVerdict.figures(),
					checkouts.byKey().size(), paid, seconds(System.nanoTime() - began));
			assertThat(ledgerVerdict.problems()).isEmpty();
			assertThat(checkoutVerdict.problems()).isEmpty();
			assertThat(sagas).isEmpty();
			assertThat(ledgerVerdict.ok()).as("ledger writes acknowledged").isGreaterThan(50);
			assertThat(paid).as("orders paid").isGreaterThan(10);
			assertThat(checkouts.byKey().size() - paid).as("orders refused").isPositive();
		}
	}

	/**
	 * An instance of the packaged jar, with C1 alone and a small serial heap: nine JVMs share two
	 * cores here, and a test's instance lives a few minutes, where compiling quickly beats compiling well.
	 */
	private static AppProcess instance(Path dataDir, Path log) {
		Path jar = AppProcess.packagedJar();
		List<String> launcher = List.of(AppProcess.javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-XX:ReservedCodeCacheSize=128m", "-XX:+UseSerialGC", "-jar", jar.toString());
		return new AppProcess(launcher, jar.getParent(), Map.of(), dataDir, log);
	}

	private static String[] settings(S3MockProcess store, KafkaClusterProcesses kafka, StandaloneFlinkCluster flink,
			int instance, String replyPartitions) {
		List<String> settings = new ArrayList<>(store.applicationArguments("scale-out"));
		settings.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--statefront.kafka.topics.replication-factor=3", "--statefront.kafka.topics.min-insync-replicas=2",
				"--statefront.flink.mode=remote", "--statefront.flink.remote.port=" + flink.restPort(),
				"--statefront.flink.election.enabled=true", "--statefront.flink.election.instance=statefront-" + instance,
				"--statefront.gateway.reply-partitions=" + replyPartitions, "--statefront.gateway.reply-timeout=5s",
				"--statefront.flink.applied-change-log=true", "--statefront.flink.checkpoint-interval=2s",
				"--statefront.flink.checkpoint-min-pause=0s", "--statefront.security.api-password=" + PASSWORD,
				"--statefront.console.admin-password=" + PASSWORD, "--statefront.simulator.enabled=false",
				"--statefront.shop.seed-catalogue=false", "--statefront.influx.managed.enabled=false"));
		return settings.toArray(String[]::new);
	}

	/** Pay in and take out on the ledger's users, each write repeated under its key until it is answered. */
	private void startLedgerClients(ExecutorService clients, CreditClient credit, AtomicBoolean running) {
		AtomicInteger sequence = new AtomicInteger();
		for (int client = 0; client < CLIENTS; client++) {
			Random choices = new Random(client);
			clients.submit(() -> {
				while (running.get()) {
					String user = Integer.toString(SHOPPERS + choices.nextInt(USERS - SHOPPERS));
					long amount = 1 + choices.nextInt(20);
					Operation attempt = credit.write(user, choices.nextBoolean() ? amount : -amount,
							"op-" + sequence.incrementAndGet());
					while ((attempt.status() == Outcome.NO_ANSWER || attempt.outcome() == Outcome.UNKNOWN
							|| attempt.status() == 503) && running.get()) {
						Thread.sleep(PAUSE_MILLIS);
						attempt = credit.repeat(attempt);
					}
					Thread.sleep(PACE_MILLIS);
				}
				return null;
			});
		}
	}

	/** Check out the batch's orders one by one, each repeated under its key until it is answered. */
	private void startCheckoutClients(ExecutorService clients, Api api, AtomicBoolean running) {
		AtomicInteger nextOrder = new AtomicInteger();
		for (int client = 0; client < CLIENTS; client++) {
			clients.submit(() -> {
				for (int order = nextOrder.getAndIncrement(); running.get() && order < ORDERS; order = nextOrder
					.getAndIncrement()) {
					Operation attempt = checkout(api, order);
					while ((attempt.outcome() == Outcome.UNKNOWN || attempt.status() == 503) && running.get()) {
						Thread.sleep(PAUSE_MILLIS);
						attempt = checkout(api, order);
					}
					Thread.sleep(PACE_MILLIS);
				}
				return null;
			});
		}
	}

	private Operation checkout(Api api, int order) {
		return checkouts.send(api, "POST", "/orders/checkout/" + order, "checkout-" + order, "order/" + order, 0,
				"credit");
	}

	private static int orderOf(Operation checkout) {
		return Integer.parseInt(checkout.entity().substring("order/".length()));
	}

	/** The index of the instance whose health says it manages the jobs, once one does. */
	private static int awaitManager(List<AppProcess> instances, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			for (int i = 0; i < instances.size(); i++) {
				try {
					JsonNode flink = instances.get(i).api("api", PASSWORD).get("/actuator/health").json()
						.path("components").path("flink").path("details");
					if (flink.path("managesJobs").asBoolean()) {
						return i;
					}
				}
				catch (RuntimeException notAnswering) {
					// the other one, or later
				}
			}
			Thread.sleep(500);
		}
		throw new AssertionError("No instance manages the jobs within " + limit);
	}

	/**
	 * Another shopper's views link two items; the API user (a shopper here), connected to both
	 * instances, views one of them: the recommendation of the other reaches both connections.
	 */
	private static void recommendationReachesEitherInstance(List<AppProcess> instances, String bootstrapServers)
			throws Exception {
		String run = Long.toString(System.nanoTime(), 36);
		try (StompSubscriber onFirst = StompSubscriber.subscribe(instances.get(0).httpPort(), "api", PASSWORD,
				"/user/queue/recommendations");
				StompSubscriber onSecond = StompSubscriber.subscribe(instances.get(1).httpPort(), "api", PASSWORD,
						"/user/queue/recommendations");
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						bootstrapServers, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			view(producer, "someone-" + run, "r1-" + run, 0);
			view(producer, "someone-" + run, "r2-" + run, 0);
			for (StompSubscriber connection : List.of(onFirst, onSecond)) {
				JsonNode pushed = null;
				for (int attempt = 0; pushed == null && attempt < 30; attempt++) {
					// the link may not be made yet when the view comes (the shoppers' events travel on different partitions)
					view(producer, "api", "r1-" + run, attempt);
					try {
						pushed = connection.await(message -> message.path("itemIds").toString().contains("r2-" + run),
								Duration.ofSeconds(2));
					}
					catch (AssertionError notYet) {
						// view again
					}
				}
				assertThat(pushed).as("a recommendation pushed through each instance").isNotNull();
				assertThat(pushed.path("shopperId").asString()).isEqualTo("api");
			}
		}
	}

	private static void view(KafkaProducer<String, byte[]> producer, String shopper, String item, int attempt)
			throws Exception {
		ShopEvent event = new ShopEvent(shopper + "/" + item + "/" + attempt, shopper, ShopEventType.PRODUCT_VIEW, item,
				"books", System.currentTimeMillis());
		producer.send(new ProducerRecord<>(ShopEvent.TOPIC, shopper, Json.write(event))).get(30, TimeUnit.SECONDS);
	}

	/**
	 * A batch init, asked again while the jobs just submitted do not answer in time (it sets every
	 * entity it names to the same values, so a repeat changes nothing, and nothing else runs yet).
	 */
	private static void batchInit(Api admin, String path) throws InterruptedException {
		int status = admin.post(path).status();
		for (int attempt = 0; (status == 504 || status == 503) && attempt < 20; attempt++) {
			Thread.sleep(2_000);
			status = admin.post(path).status();
		}
		assertThat(status).as(path).isEqualTo(200);
	}

	/** A read through the balancer, asked again while it gets no answer in time (a read changes nothing). */
	private static JsonNode read(Api api, String path) {
		Api.Response response = api.get(path);
		for (int attempt = 0; response.status() != 200 && attempt < 5; attempt++) {
			response = api.get(path);
		}
		assertThat(response.status()).as(path).isEqualTo(200);
		return response.json();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
