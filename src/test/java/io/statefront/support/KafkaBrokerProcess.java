package io.statefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka broker in a JVM of its own, as an external cluster is to the application: the same
 * single-node KRaft broker the application embeds, on a log directory and ports that stay the
 * same across a {@code kill -9} and a restart.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

	private final Path logDir;

	private final Path log;

	private final int port = FreePorts.next();

	private final int controllerPort = FreePorts.next();

	private Process process;

	public KafkaBrokerProcess(Path logDir, Path log) {
		this.logDir = logDir;
		this.log = log;
	}

	public String bootstrapServers() {
		return "localhost:" + port;
	}

	/** Starts the broker and waits until it answers. */
	public void start(Duration limit) throws InterruptedException {
		List<String> command = List.of(AppProcess.javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), KafkaBrokerProcess.class.getName(), logDir.toString(),
				Integer.toString(port), Integer.toString(controllerPort));
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + limit.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				2_000))) {
			while (true) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The broker exited with " + process.exitValue() + "; see " + log);
				}
				try {
					if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception notYet) {
					// keep waiting
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The broker did not answer within " + limit + "; see " + log);
				}
				Thread.sleep(200);
			}
		}
	}

	/** {@code kill -9}. */
	public void kill() throws InterruptedException {
		Processes.kill(process);
	}

	/** {@code kill -9}: the test is over, and nothing of the broker's is kept. */
	@Override
	public void close() throws InterruptedException {
		Processes.kill(process);
	}

	/** The broker's JVM: {@code <log dir> <port> <controller port>}; stops on {@code SIGTERM}. */
	public static void main(String[] args) throws InterruptedException {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]),
				Integer.parseInt(args[2]));
		broker.awaitStarted();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
		Thread.currentThread().join();
	}

}
