package io.statefront.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * A standalone Flink session cluster as an operator runs one, in two JVMs of its own: a
 * JobManager ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager
 * ({@code TaskManagerRunner}), both reading a {@code config.yaml} with loopback addresses, free ports
 * and small memory. Their class path is what a Flink distribution's {@code lib/} holds, taken from
 * the test class path: Flink and the libraries Flink itself uses, none of the application's (not
 * Kafka's client, the Kafka connector, CEP or Jackson 3), so the jobs run only if they bring what
 * they need.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

	/** Where a Flink library or one of Flink's own dependencies lies in the local Maven repository. */
	private static final List<String> FLINK_LIBRARIES = List.of("/org/apache/flink/", "/org/apache/commons/",
			"/commons-io/", "/commons-cli/", "/com/esotericsoftware/", "/org/objenesis/", "/org/snakeyaml/",
			"/org/javassist/", "/tools/profiler/", "/com/google/code/findbugs/", "/org/xerial/snappy/", "/at/yawk/lz4/",
			"/org/slf4j/", "/ch/qos/logback/", "/com/ververica/");

	/** What a distribution does not hold, or the jobs must bring themselves. */
	private static final List<String> NOT_IN_A_DISTRIBUTION = List.of("/flink-connector-kafka/",
			"/flink-connector-base/", "/flink-cep/", "/flink-test-utils", "/flink-table", "-tests.jar");

	private final Path dir;

	private final Path logs;

	private final int slots;

	private final int restPort = FreePorts.next();

	private final int rpcPort = FreePorts.next();

	private Process jobManager;

	private Process taskManager;

	private Path plugins;

	private List<String> settings = List.of();

	/**
	 * @param dir the cluster's configuration and temporary files
	 * @param logs where {@code jobmanager.log} and {@code taskmanager.log} go
	 * @param slots the task manager's slots
	 */
	public StandaloneFlinkCluster(Path dir, Path logs, int slots) {
		this.dir = dir;
		this.logs = logs;
		this.slots = slots;
	}

	/**
	 * Gives the cluster's processes Flink plugins, a folder each as in a distribution's
	 * {@code plugins/} (found through {@code FLINK_PLUGINS_DIR}), and settings of their own in
	 * {@code config.yaml}, such as those of an S3 file system. Before {@link #start()}.
	 */
	public StandaloneFlinkCluster withPlugins(Path pluginsDir, List<String> pluginSettings) {
		this.plugins = pluginsDir;
		this.settings = List.copyOf(pluginSettings);
		return this;
	}

	public int restPort() {
		return restPort;
	}

	/** The process ids of the JobManager and the TaskManager. */
	public List<Long> pids() {
		return List.of(jobManager.pid(), taskManager.pid());
	}

	/** The cluster's REST API, as the Flink web UI and {@code flink} CLI use it. */
	public Api rest() {
		return new Api("http://localhost:" + restPort, null, null);
	}

	/** Starts the JobManager and the TaskManager; {@link #awaitSlots} waits until they have found each other. */
	public void start() throws IOException {
		Files.createDirectories(dir.resolve("tmp"));
		Files.createDirectories(logs);
		// what Flink's start scripts would work out and pass to the task manager: its CPU and each
		// part of its memory, small (some managed memory for RocksDB)
		Files.writeString(dir.resolve("config.yaml"), String.join("\n", "jobmanager.rpc.address: localhost",
				"jobmanager.rpc.port: " + rpcPort, "jobmanager.bind-host: localhost", "rest.address: localhost",
				"rest.bind-address: localhost", "rest.port: " + restPort, "taskmanager.host: localhost",
				"taskmanager.bind-host: localhost", "taskmanager.numberOfTaskSlots: " + slots,
				"taskmanager.cpu.cores: " + slots, "taskmanager.memory.framework.heap.size: 128m",
				"taskmanager.memory.task.heap.size: 256m", "taskmanager.memory.task.off-heap.size: 0m",
				"taskmanager.memory.framework.off-heap.size: 128m", "taskmanager.memory.managed.size: 128m",
				"taskmanager.memory.network.min: 64m", "taskmanager.memory.network.max: 64m",
				"taskmanager.memory.jvm-metaspace.size: 256m", "taskmanager.memory.jvm-overhead.min: 192m",
				"taskmanager.memory.jvm-overhead.max: 192m", "io.tmp.dirs: " + dir.resolve("tmp"),
				String.join("\n", settings), ""));
		Files.writeString(dir.resolve("logback.xml"), """
				<configuration>
				  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <logger name="org.apache.flink.runtime" level="INFO"/>
				  <root level="WARN"><appender-ref ref="out"/></root>
				</configuration>
				""");
		jobManager = launch("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "-Xmx384m",
				logs.resolve("jobmanager.log"));
		// the heap the configuration gives the task manager: framework and task heap
		taskManager = launch("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "-Xmx384m",
				logs.resolve("taskmanager.log"));
	}

	/** Waits until the cluster offers all its slots. */
	public void awaitSlots(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!jobManager.isAlive() || !taskManager.isAlive()) {
				throw new IllegalStateException("A Flink process exited; see " + logs);
			}
			try {
				JsonNode overview = rest().get("/overview").json();
				if (overview.path("taskmanagers").asInt() == 1 && overview.path("slots-total").asInt() == slots) {
					return;
				}
			}
			catch (RuntimeException notYetListening) {
				// keep waiting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The Flink cluster did not offer " + slots + " slots within " + limit + "; see "
				+ logs);
	}

	/** The job of that name the cluster runs now, from its {@code /jobs/overview}. */
	public JsonNode runningJob(String name) {
		for (JsonNode job : rest().get("/jobs/overview").json().path("jobs")) {
			if (job.path("name").asString().equals(name) && job.path("state").asString().equals("RUNNING")) {
				return rest().get("/jobs/" + job.path("jid").asString()).json();
			}
		}
		throw new IllegalStateException("The Flink cluster runs no job named " + name);
	}

	/** The names of the jobs in a state that is not final. */
	public List<String> activeJobs() {
		List<String> names = new ArrayList<>();
		for (JsonNode job : rest().get("/jobs/overview").json().path("jobs")) {
			if (!List.of("FINISHED", "CANCELED", "FAILED").contains(job.path("state").asString())) {
				names.add(job.path("name").asString());
			}
		}
		return names;
	}

	private Process launch(String mainClass, String heap, Path log) throws IOException {
		// a test's cluster lives a minute: compiling hot code quickly matters more on 2 cores than compiling it well
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
				"-cp", flinkClasspath(), mainClass, "--configDir", dir.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		if (plugins != null) {
			builder.environment().put("FLINK_PLUGINS_DIR", plugins.toString());
		}
		return builder.start();
	}

	private static String flinkClasspath() {
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> FLINK_LIBRARIES.stream().anyMatch(entry::contains))
			.filter(entry -> NOT_IN_A_DISTRIBUTION.stream().noneMatch(entry::contains))
			.collect(Collectors.joining(File.pathSeparator));
		if (!classpath.contains("flink-runtime")) {
			throw new IllegalStateException("No Flink runtime on the test class path: " + System.getProperty("java.class.path"));
		}
		return classpath;
	}

	/** {@code kill -9} to the TaskManager and the JobManager: the test is over, and nothing of theirs is kept. */
	@Override
	public void close() throws InterruptedException {
		Processes.kill(taskManager);
		Processes.kill(jobManager);
	}

}
