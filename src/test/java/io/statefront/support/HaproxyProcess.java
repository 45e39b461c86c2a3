package io.statefront.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's HAProxy in front of the instances, as the compose {@code cluster} profile runs it: round
 * robin for the API, an instance taken out of rotation while its readiness is down. An instance
 * that dies with a request in flight leaves that request's outcome unknown: the balancer says so with
 * a 504, as the application does (architecture rule 5), not a 502 that would read as a server error.
 */
public final class HaproxyProcess implements AutoCloseable {

	private final Path dir;

	private final Path log;

	private final int port = FreePorts.next();

	private Process process;

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

	/** Starts it in front of the instances listening on {@code ports} (on localhost). */
	public void start(List<Integer> ports) throws IOException {
		Files.createDirectories(dir);
		Path unknownOutcome = Files.writeString(dir.resolve("504.http"), """
				HTTP/1.1 504 Gateway Timeout\r
				Content-Type: application/problem+json\r
				Cache-Control: no-cache\r
				Connection: close\r
				\r
				{"title":"Gateway Timeout","status":504,"detail":"The instance stopped answering: the outcome is unknown"}
				""");
		StringBuilder servers = new StringBuilder();
		for (int i = 0; i < ports.size(); i++) {
			servers.append("    server statefront-").append(i + 1).append(" localhost:").append(ports.get(i)).append('\n');
		}
		Path config = Files.writeString(dir.resolve("haproxy.cfg"), """
				global
				    maxconn 2000

				defaults
				    mode http
				    timeout connect 2s
				    timeout client 60s
				    timeout server 60s
				    timeout tunnel 1h
				    retries 3
				    option redispatch
				    errorfile 502 %s

				frontend web
				    bind localhost:%d
				    default_backend statefront

				backend statefront
				    balance roundrobin
				    option httpchk GET /actuator/health/readiness
				    http-check expect status 200
				    default-server check inter 1s fall 2 rise 2
				%s""".formatted(unknownOutcome, port, servers));
		process = new ProcessBuilder(Installed.haproxy().toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
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
