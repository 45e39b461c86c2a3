package io.statefront.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker and controller) running in this JVM, with its
 * log in a persistent directory. Unlike spring-kafka-test's embedded broker it formats its
 * directory only once, so topics and offsets survive restarts and {@code kill -9}.
 */
public class EmbeddedKafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

	private final Path logDir;

	private final int port;

	/** Completes with the running server once it serves, or with why it could not start. */
	private final CompletableFuture<KafkaRaftServer> started = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Begins starting the broker on a thread of its own and returns: the seconds it takes pass while
	 * the application builds everything else. Its address is known at once; {@link #awaitStarted}
	 * waits until it serves there.
	 */
	public EmbeddedKafkaBroker(Path logDir, int port, int controllerPort) {
		this.logDir = logDir;
		this.port = (port == 0) ? freePort() : port;
		Properties config = brokerConfig(logDir, this.port, (controllerPort == 0) ? freePort() : controllerPort);
		Thread starter = new Thread(() -> start(config), "embedded-kafka-start");
		starter.setDaemon(true);
		starter.start();
	}

	private void start(Properties config) {
		KafkaRaftServer server = null;
		try {
			long began = System.nanoTime();
			formatOnce(config);
			server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
			server.startup();
			log.info("Embedded Kafka broker listening on {} (log in {}), started in {} ms", bootstrapServers(), logDir,
					(System.nanoTime() - began) / 1_000_000);
			started.complete(server);
		}
		catch (Throwable ex) {
			if (server != null) {
				shutDownQuietly(server); // the controller may be up though the broker failed
			}
			started.completeExceptionally(ex);
		}
	}

	private static void shutDownQuietly(KafkaRaftServer server) {
		try {
			server.shutdown();
			server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			log.warn("Shutting down the embedded Kafka broker that failed to start failed: {}", ex.toString());
		}
	}

	/** Waits until the broker serves; fails with why it could not start. */
	public void awaitStarted() {
		long began = System.nanoTime();
		try {
			started.join();
		}
		catch (CompletionException ex) {
			throw new IllegalStateException("The embedded Kafka broker could not start (log in " + logDir + ")",
					ex.getCause());
		}
		long waitedMs = (System.nanoTime() - began) / 1_000_000;
		if (waitedMs > 0) {
			log.debug("Waited {} ms for the embedded Kafka broker to start", waitedMs);
		}
	}

	public String bootstrapServers() {
		return "localhost:" + port;
	}

	/** Stops the broker once; a second call (its bean's and its starter's) does nothing. */
	@Override
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		KafkaRaftServer server;
		try {
			server = started.join();
		}
		catch (CompletionException notStarted) {
			return; // a failed start shut down what it began
		}
		server.shutdown();
		server.awaitShutdown();
		log.info("Embedded Kafka broker stopped");
	}

	private static Properties brokerConfig(Path logDir, int port, int controllerPort) {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
		config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", logDir.toString());
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "4");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("auto.create.topics.enable", "false");
		// one in-process broker shares the machine with everything else: a thread per core, not
		// the 8 request handlers and 3 network threads a dedicated broker host would want
		config.put("num.io.threads", "2");
		config.put("num.network.threads", "2");
		// after kill -9 the old registration must expire before the broker can rejoin: keep it short
		config.put("broker.heartbeat.interval.ms", "500");
		config.put("broker.session.timeout.ms", "1500");
		// every topic has a horizon (TopicHorizons): look for segments past it every 30 s rather than
		// every 5 min, so a short horizon frees disk soon after it passes (a cheap walk of the logs)
		config.put("log.retention.check.interval.ms", "30000");
		// the cleaner's map of the compacted topics' keys (stock levels, the order archive, consumer
		// offsets) is allocated whole on the heap when the broker starts: 128 MB by default, an eighth
		// of the application's memory. 16 MB maps about 630,000 keys a pass, more than an hour of
		// checkouts at this machine's peak brings to one partition of the archive; a longer backlog
		// is cleaned in more passes, never skipped (Kafka maps a segment partly when the map fills)
		config.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
		return config;
	}

	private static void formatOnce(Properties config) {
		Path logDir = Path.of(config.getProperty("log.dirs"));
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			Path configFile = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
			try (Writer writer = Files.newBufferedWriter(configFile)) {
				config.store(writer, "written once to format the embedded broker's log directory");
			}
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int exitCode = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c",
					configFile.toString() }, new PrintStream(output, true, StandardCharsets.UTF_8));
			Files.delete(configFile);
			if (exitCode != 0) {
				throw new IllegalStateException("Formatting " + logDir + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the broker's log directory " + logDir, ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
