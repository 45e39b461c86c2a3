package io.statefront.analytics.history;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system side of a managed influxd: its configuration file, its ports, and ending
 * a process (one a previous run left behind, or our own) for good.
 */
final class InfluxdProcesses {

	private static final Logger log = LoggerFactory.getLogger(InfluxdProcesses.class);

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private InfluxdProcesses() {
	}

	/** Ends an influxd a previous run left behind (the pid file names it), which would hold the data files. */
	static void endLeftover(Path pidFile) throws IOException {
		if (!Files.exists(pidFile)) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(Files.readString(pidFile).trim());
		}
		catch (NumberFormatException unreadable) {
			// written half by a run that died mid-start: nothing to end
			Files.delete(pidFile);
			return;
		}
		boolean influxd = ProcessHandle.of(pid)
			.flatMap(handle -> handle.info().command())
			.map(command -> command.endsWith("influxd"))
			.orElse(false);
		if (influxd && running(pid)) {
			log.warn("Ending influxd (pid {}) left running by a previous run", pid);
			endProcess(pid);
		}
		Files.delete(pidFile);
	}

	/** SIGTERM, a grace period, then SIGKILL. */
	static void endProcess(long pid) {
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		while (running(pid) && System.nanoTime() < deadline) {
			sleep(50);
		}
		if (running(pid)) {
			log.warn("influxd (pid {}) did not stop in {}: killing it", pid, STOP_TIMEOUT);
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	/**
	 * Whether {@code pid} runs: alive and, where {@code /proc} tells, not a zombie (an influxd that
	 * exited stays one until its watchdog reaps it).
	 */
	static boolean running(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException | RuntimeException ex) {
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
		}
	}

	static String config(Path home, int httpPort, int rpcPort) {
		return """
				reporting-disabled = true
				bind-address = "127.0.0.1:%d"

				[meta]
				  dir = "%s"

				[data]
				  dir = "%s"
				  wal-dir = "%s"
				  query-log-enabled = false

				[http]
				  bind-address = "127.0.0.1:%d"
				  log-enabled = false

				[monitor]
				  store-enabled = false

				[logging]
				  level = "warn"
				""".formatted(rpcPort, home.resolve("meta"), home.resolve("data"), home.resolve("wal"), httpPort);
	}

	static void requireFree(int port) throws IOException {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
		}
		catch (IOException ex) {
			throw new IOException("Port " + port + " on 127.0.0.1 is taken (set statefront.influx.managed.port, "
					+ "or statefront.influx.url to use the server that has it)", ex);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static String lastLines(Path logFile) {
		try {
			List<String> lines = Files.readAllLines(logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
