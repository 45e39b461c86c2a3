package io.statefront.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The layout of docs/operations.md ("Scaling out") as processes on one machine: the checkpoints'
 * object store (S3Mock), a standalone Flink cluster (a JobManager and a TaskManager of 4 slots, with
 * Flink's S3 plugin), three Kafka brokers (replication 3, {@code min.insync.replicas} 2), one or two
 * instances of the packaged jar (remote Flink, electing the one that manages the jobs, the reply
 * topics' partitions shared out between them) and HAProxy on the compose profile's configuration.
 * {@code ScaleOutIT} runs it with two instances under faults; {@code bench/scale-out.sh} runs it
 * through {@link #main} with one or two, for {@code bench/Benchmark.java} to measure.
 */
public final class ScaleOutLayout implements AutoCloseable {

	/** The reply topics' partitions, which the instances claim between them. */
	private static final int REPLY_PARTITIONS = 4;

	private static final String STORE_PREFIX = "scale-out";

	private final S3MockProcess store;

	private final KafkaClusterProcesses kafka;

	private final StandaloneFlinkCluster flink;

	private final List<AppProcess> instances = new ArrayList<>();

	private final HaproxyProcess balancer;

	private final String password;

	private final List<String> settings;

	/**
	 * @param work where every process keeps its data
	 * @param logs where each process's log goes ({@code app-1.log}, {@code broker-1.log}, …), emptied first
	 * @param instanceCount one or two instances
	 * @param instanceJvmOptions the instances' JVM options, before {@code -jar}
	 * @param password the API user's and the administrator's password on every instance
	 * @param settings the instances' settings beyond the layout's own, such as {@code --statefront.simulator.enabled=false}
	 */
	public ScaleOutLayout(Path work, Path logs, int instanceCount, List<String> instanceJvmOptions, String password,
			List<String> settings) throws IOException {
		Files.createDirectories(logs);
		for (String log : List.of("app-1.log", "app-2.log", "haproxy.log", "jobmanager.log", "taskmanager.log",
				"s3mock.log", "broker-1.log", "broker-2.log", "broker-3.log")) {
			Files.deleteIfExists(logs.resolve(log));
		}
		this.password = password;
		this.settings = List.copyOf(settings);
		this.store = new S3MockProcess(Files.createDirectories(work.resolve("s3")), logs.resolve("s3mock.log"));
		this.kafka = new KafkaClusterProcesses(work.resolve("kafka"), logs);
		this.flink = new StandaloneFlinkCluster(work.resolve("flink"), logs, 4).withPlugins(S3MockProcess.FLINK_PLUGINS,
				store.flinkSettings());
		Path jar = AppProcess.packagedJar();
		List<String> launcher = new ArrayList<>(List.of(AppProcess.javaExecutable()));
		launcher.addAll(instanceJvmOptions);
		launcher.addAll(List.of("-jar", jar.toString()));
		for (int instance = 1; instance <= instanceCount; instance++) {
			instances.add(new AppProcess(launcher, jar.getParent(), Map.of(), work.resolve("app-" + instance),
					logs.resolve("app-" + instance + ".log")));
		}
		this.balancer = new HaproxyProcess(work.resolve("haproxy"), logs.resolve("haproxy.log"));
	}

	/** Starts everything, and waits until the balancer has a ready instance behind it. */
	public void start() throws IOException, InterruptedException {
		// the store, Flink and the brokers side by side: none needs another to start (Flink's settings
		// name the store's address, fixed before it runs, and reach it only for a job's checkpoints);
		// the instances, which need all three, after
		store.launch();
		flink.start();
		kafka.start(Duration.ofMinutes(4));
		store.awaitReady(Duration.ofMinutes(1));
		for (int instance = 0; instance < instances.size(); instance++) {
			start(instance);
		}
		flink.awaitSlots(Duration.ofMinutes(4));
		for (AppProcess instance : instances) {
			instance.awaitHealthy(Duration.ofMinutes(5));
		}
		balancer.start(instances.stream().map(AppProcess::httpPort).toList());
		balancer.awaitReady(Duration.ofMinutes(1));
	}

	/** Starts an instance (again, after a kill) with its settings; {@link AppProcess#awaitHealthy} waits for it. */
	public void start(int instance) {
		instances.get(instance).start(settings(instance));
	}

	public S3MockProcess store() {
		return store;
	}

	public KafkaClusterProcesses kafka() {
		return kafka;
	}

	public List<AppProcess> instances() {
		return List.copyOf(instances);
	}

	public HaproxyProcess balancer() {
		return balancer;
	}

	/** Where the jobs' checkpoints go in the store's bucket. */
	public String checkpointsKey(String job) {
		return STORE_PREFIX + "/checkpoints/" + job + "/";
	}

	/**
	 * The instance's settings: the checkpoints in the store, the brokers' three copies, remote Flink
	 * with an election, and the reply partitions {@code p} with {@code p % instances == instance}
	 * (two instances: {@code 0,2} and {@code 1,3}).
	 */
	private String[] settings(int instance) {
		List<String> all = new ArrayList<>(store.applicationArguments(STORE_PREFIX));
		String replyPartitions = IntStream.range(0, REPLY_PARTITIONS)
			.filter(partition -> partition % instances.size() == instance)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(","));
		all.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--statefront.kafka.topics.replication-factor=3", "--statefront.kafka.topics.min-insync-replicas=2",
				"--statefront.flink.mode=remote", "--statefront.flink.remote.port=" + flink.restPort(),
				"--statefront.flink.election.enabled=true",
				"--statefront.flink.election.instance=statefront-" + (instance + 1),
				"--statefront.gateway.reply-partitions=" + replyPartitions,
				"--statefront.security.api-password=" + password, "--statefront.console.admin-password=" + password,
				"--statefront.influx.managed.enabled=false"));
		all.addAll(settings);
		return all.toArray(String[]::new);
	}

	/** Stops the balancer, the instances, Flink, the brokers and the store, in that order. */
	@Override
	public void close() throws InterruptedException {
		balancer.close();
		for (int instance = instances.size() - 1; instance >= 0; instance--) {
			instances.get(instance).close();
		}
		flink.close();
		kafka.close();
		store.close();
	}

	/**
	 * The layout for a benchmark, running until this JVM gets {@code SIGTERM}:
	 * {@code ScaleOutLayout <instances> <work dir> [instance setting ...]}, with
	 * {@code -Dstatefront.jar=<the packaged jar>} and the test class path. Once up it prints the
	 * balancer's address ({@code balancer http://…}), the process ids by role
	 * ({@code pids app=…,… flink=… kafka=… store=… balancer=…}) and {@code ready}. The instances run
	 * with {@code STATEFRONT_LAYOUT_APP_JVM} (by default {@code -Xmx768m}) and the password
	 * {@code BENCH_PASSWORD} (by default {@code bench}, bench/Benchmark.java's).
	 */
	public static void main(String[] args) throws Exception {
		int instanceCount = Integer.parseInt(args[0]);
		Path work = Path.of(args[1]).toAbsolutePath();
		List<String> jvm = List.of(System.getenv().getOrDefault("STATEFRONT_LAYOUT_APP_JVM", "-Xmx768m").trim().split("\\s+"));
		ScaleOutLayout layout = new ScaleOutLayout(work, work.resolve("logs"), instanceCount, jvm,
				System.getenv().getOrDefault("BENCH_PASSWORD", "bench"), Arrays.asList(args).subList(2, args.length));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				layout.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		layout.start();
		System.out.println("balancer " + layout.balancer.url());
		System.out.println("pids app=" + join(layout.instances.stream().map(AppProcess::pid).toList()) + " flink="
				+ join(layout.flink.pids()) + " kafka=" + join(layout.kafka.pids()) + " store=" + layout.store.pid()
				+ " balancer=" + layout.balancer.pid());
		System.out.println("ready");
		Thread.currentThread().join();
	}

	private static String join(List<Long> pids) {
		return pids.stream().map(Object::toString).collect(Collectors.joining(","));
	}

}
