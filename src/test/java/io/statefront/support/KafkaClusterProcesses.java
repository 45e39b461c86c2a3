package io.statefront.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import kafka.tools.StorageTool;

/**
 * A Kafka cluster of three brokers, each a JVM of its own and each also one of the three KRaft
 * controllers, as a production cluster is laid out on three machines: every topic (the brokers' own
 * too) keeps three copies, of which two must hold a write ({@code min.insync.replicas=2}), so that
 * one broker may be lost without losing or refusing a write.
 */
public final class KafkaClusterProcesses implements AutoCloseable {

	public static final int BROKERS = 3;

	private final Path dir;

	private final Path logs;

	private final String clusterId = Uuid.randomUuid().toString();

	private final List<Integer> ports = IntStream.range(0, BROKERS).mapToObj(i -> FreePorts.next()).toList();

	private final List<Integer> controllerPorts = IntStream.range(0, BROKERS).mapToObj(i -> FreePorts.next()).toList();

	private final List<Process> processes = new ArrayList<>();

	/**
	 * @param dir the brokers' log directories, one folder each
	 * @param logs where {@code broker-<n>.log} go
	 */
	public KafkaClusterProcesses(Path dir, Path logs) {
		this.dir = dir;
		this.logs = logs;
		IntStream.range(0, BROKERS).forEach(i -> processes.add(null));
	}

	public String bootstrapServers() {
		return ports.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
	}

	/** The process ids of the brokers running now. */
	public List<Long> pids() {
		return processes.stream().filter(process -> process != null && process.isAlive()).map(Process::pid).toList();
	}

	/** Starts the three brokers side by side and waits until all three are in the cluster. */
	public void start(Duration limit) throws InterruptedException {
		for (int broker = 0; broker < BROKERS; broker++) {
			launch(broker);
		}
		awaitBrokers(BROKERS, limit);
	}

	/** {@code kill -9} one broker. */
	public void kill(int broker) throws InterruptedException {
		Processes.kill(processes.get(broker));
	}

	/** Starts a broker again (on its log directory) and waits until all three are in the cluster. */
	public void restart(int broker, Duration limit) throws InterruptedException {
		launch(broker);
		awaitBrokers(BROKERS, limit);
	}

	private void launch(int broker) {
		String voters = IntStream.range(0, BROKERS)
			.mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
			.collect(Collectors.joining(","));
		List<String> command = List.of(AppProcess.javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), KafkaClusterProcesses.class.getName(),
				dir.resolve("broker-" + (broker + 1)).toString(), Integer.toString(broker + 1),
				Integer.toString(ports.get(broker)), Integer.toString(controllerPorts.get(broker)), voters, clusterId);
		try {
			Files.createDirectories(logs);
			processes.set(broker, new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("broker-" + (broker + 1) + ".log").toFile()))
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitBrokers(int count, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				2_000))) {
			while (true) {
				for (int broker = 0; broker < BROKERS; broker++) {
					if (processes.get(broker) != null && !processes.get(broker).isAlive()
							&& processes.get(broker).exitValue() != 137) {
						throw new IllegalStateException("Broker " + (broker + 1) + " exited; see " + logs);
					}
				}
				try {
					if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
						return;
					}
				}
				catch (Exception notYet) {
					// keep waiting
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The Kafka cluster had not " + count + " brokers within " + limit
							+ "; see " + logs);
				}
				Thread.sleep(200);
			}
		}
	}

	/**
	 * {@code kill -9} to every broker: the test is over, and a controlled shutdown of the last
	 * brokers, which have lost their quorum, would wait for it in vain.
	 */
	@Override
	public void close() throws InterruptedException {
		for (Process process : processes) {
			Processes.kill(process);
		}
	}

	/**
	 * One broker's JVM: {@code <log dir> <node id> <port> <controller port> <voters> <cluster id>};
	 * stops on {@code SIGTERM}.
	 */
	public static void main(String[] args) throws Exception {
		Path logDir = Path.of(args[0]);
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", args[1]);
		config.put("controller.quorum.voters", args[4]);
		config.put("listeners", "PLAINTEXT://localhost:" + args[2] + ",CONTROLLER://localhost:" + args[3]);
		config.put("advertised.listeners", "PLAINTEXT://localhost:" + args[2]);
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", logDir.toString());
		config.put("default.replication.factor", "3");
		config.put("min.insync.replicas", "2");
		config.put("offsets.topic.replication.factor", "3");
		config.put("offsets.topic.num.partitions", "4");
		config.put("transaction.state.log.replication.factor", "3");
		config.put("transaction.state.log.min.isr", "2");
		config.put("share.coordinator.state.topic.replication.factor", "3");
		config.put("share.coordinator.state.topic.min.isr", "2");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("auto.create.topics.enable", "false");
		config.put("num.io.threads", "2");
		config.put("num.network.threads", "2");
		config.put("broker.heartbeat.interval.ms", "500");
		config.put("broker.session.timeout.ms", "3000");
		if (!Files.exists(logDir.resolve("meta.properties"))) {
			Files.createDirectories(logDir);
			Path configFile = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
			try (Writer writer = Files.newBufferedWriter(configFile)) {
				config.store(writer, "to format the broker's log directory");
			}
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int exitCode = StorageTool.execute(new String[] { "format", "-t", args[5], "-c", configFile.toString() },
					new PrintStream(output, true, StandardCharsets.UTF_8));
			if (exitCode != 0) {
				throw new IllegalStateException("Formatting " + logDir + " failed: " + output);
			}
		}
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
		server.startup();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			server.awaitShutdown();
		}));
		Thread.currentThread().join();
	}

}
