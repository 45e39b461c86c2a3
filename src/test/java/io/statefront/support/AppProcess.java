package io.statefront.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application in a JVM of its own, as an operator runs it: {@code java -jar}, on a
 * given data directory, killable with {@code kill -9}.
 */
public final class AppProcess implements AutoCloseable {

	private final List<String> launcher;

	private final Path workingDir;

	private final Map<String, String> environment;

	private final Path dataDir;

	private final Path log;

	private final int httpPort = FreePorts.next();

	private final int kafkaPort = FreePorts.next();

	private final int controllerPort = FreePorts.next();

	private Process process;

	/** When the last {@link #kill} landed, until a restart is healthy; 0 when none is pending. */
	private long killedAt;

	private Duration longestOutage = Duration.ZERO;

	public AppProcess(Path jar, Path dataDir, Path log) {
		this(List.of(javaExecutable(), "-Xmx768m", "-jar", jar.toString()), jar.getParent(), Map.of(), dataDir, log);
	}

	/**
	 * The application as another launcher starts it, such as a container's entrypoint: its
	 * command, run in {@code workingDir} with {@code environment} added to this JVM's.
	 */
	public AppProcess(List<String> launcher, Path workingDir, Map<String, String> environment, Path dataDir, Path log) {
		this.launcher = List.copyOf(launcher);
		this.workingDir = workingDir;
		this.environment = Map.copyOf(environment);
		this.dataDir = dataDir;
		this.log = log;
	}

	/** The jar {@code mvn package} built, which failsafe names in a system property. */
	public static Path packagedJar() {
		String jar = System.getProperty("statefront.jar");
		if (jar == null || !new File(jar).isFile()) {
			throw new IllegalStateException("Run through 'mvn verify': it packages the jar this test starts");
		}
		return Path.of(jar).toAbsolutePath();
	}

	public int httpPort() {
		return httpPort;
	}

	/** The running application's process id. */
	public long pid() {
		return process.pid();
	}

	/** The embedded broker's address, for a test's own Kafka clients. */
	public String kafkaBootstrapServers() {
		return "localhost:" + kafkaPort;
	}

	public Api api(String user, String password) {
		return new Api("http://localhost:" + httpPort, user, password);
	}

	public void start(String... extraArguments) {
		List<String> command = new ArrayList<>(launcher);
		command.addAll(List.of("--server.port=" + httpPort, "--statefront.data-dir=" + dataDir,
				"--statefront.kafka.embedded.port=" + kafkaPort,
				"--statefront.kafka.embedded.controller-port=" + controllerPort,
				// a free port beside any InfluxDB the machine runs, should it have influxd
				"--statefront.influx.managed.port=0"));
		command.addAll(List.of(extraArguments));
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until health says UP, failing if the process dies or takes longer than {@code limit}. */
	public void awaitHealthy(Duration limit) throws InterruptedException {
		Api anonymous = new Api("http://localhost:" + httpPort, null, null);
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The application exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (anonymous.get("/actuator/health").status() == 200) {
					recordOutage();
					return;
				}
			}
			catch (RuntimeException notYetListening) {
				// keep waiting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The application was not healthy within " + limit + "; see " + log);
	}

	private void recordOutage() {
		if (killedAt != 0) {
			Duration outage = Duration.ofNanos(System.nanoTime() - killedAt);
			longestOutage = (outage.compareTo(longestOutage) > 0) ? outage : longestOutage;
			killedAt = 0;
		}
	}

	/** {@code SIGTERM}, as {@code docker stop} sends; true if the process ended within {@code limit}. */
	public boolean terminate(Duration limit) throws InterruptedException {
		process.destroy();
		return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
	public void kill() throws InterruptedException {
		Processes.kill(process);
		killedAt = System.nanoTime();
	}

	/**
	 * The longest time from a {@link #kill} to health after the restart that followed it: the
	 * outage the application's horizons must outlast (a retry after them is a new request, and a
	 * restore from a point older than they are is refused).
	 */
	public Duration longestOutage() {
		return longestOutage;
	}

	/**
	 * {@code kill -9}, as the test is over: a clean stop is what {@link #terminate} checks, and the
	 * savepoints a clean stop takes would only be deleted with the test's folder.
	 */
	@Override
	public void close() throws InterruptedException {
		Processes.kill(process);
	}

	public static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
