package io.statefront.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's HAProxy in front of the instances, on the compose {@code cluster} profile's own
 * configuration ({@value #CONFIG}): round robin for the API, an instance taken out of rotation while
 * its readiness is down, and an instance that dies with a request in flight answered as a 504 (the
 * outcome unknown, as the application says it: architecture rule 5), not a 502 that would read as a
 * server error. Only the addresses differ: its port and the instances' on localhost, set through
 * the variables the configuration reads.
 */
public final class HaproxyProcess implements AutoCloseable {

	/** The compose profile's configuration, beside the 504 page it answers in place of a 502. */
	public static final String CONFIG = "compose/haproxy/haproxy.cfg";

	private final Path dir;

	private final Path log;

	private final int port = FreePorts.next();

	private Process process;

	/**
	 * @param dir where it may keep files of its own (none today)
	 * @param log where its output goes: its warnings and a line per request
	 */
	public HaproxyProcess(Path dir, Path log) {
		this.dir = dir;
		this.log = log;
	}

	public String url() {
		return "http://localhost:" + port;
	}

	public Api api(String user, String password) {
		return new Api(url(), user, password);
	}

	/** Its process id. */
	public long pid() {
		return process.pid();
	}

	/**
	 * Starts it in front of the instances listening on {@code ports} (on localhost): two, or one, which
	 * then stands behind both of the configuration's servers.
	 */
	public void start(List<Integer> ports) throws IOException {
		if (ports.isEmpty() || ports.size() > 2) {
			throw new IllegalArgumentException("The balancer's configuration has two servers: one or two instances");
		}
		Path config = Path.of(CONFIG).toAbsolutePath();
		if (!Files.isRegularFile(config)) {
			throw new IllegalStateException("No " + config + ": run from the project's directory");
		}
		Files.createDirectories(dir);
		ProcessBuilder builder = new ProcessBuilder(Installed.haproxy().toString(), "-db", "-f", config.toString())
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// addresses, not names: the configuration's resolvers then never ask a name server
		builder.environment().put("STATEFRONT_BALANCER_BIND", "localhost:" + port);
		builder.environment().put("STATEFRONT_INSTANCE_1", "127.0.0.1:" + ports.get(0));
		builder.environment().put("STATEFRONT_INSTANCE_2", "127.0.0.1:" + ports.get(ports.size() - 1));
		process = builder.start();
	}

	/** Waits until it answers and an instance behind it is ready. */
	public void awaitReady(Duration limit) throws InterruptedException {
		Api anonymous = new Api(url(), null, null);
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("HAProxy exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (anonymous.get("/actuator/health/readiness").status() == 200) {
					return;
				}
			}
			catch (RuntimeException notYetListening) {
				// keep waiting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("HAProxy had no ready instance within " + limit + "; see " + log);
	}

	@Override
	public void close() throws InterruptedException {
		Processes.kill(process);
	}

}
