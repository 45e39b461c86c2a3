package io.statefront.analytics.history;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code influxd} this application runs for itself: bound to loopback only, its data, config
 * and log under {@code <data-dir>/influxdb}, stopped with the application however it ends. It runs
 * under a small {@code sh} watchdog that ends it when its standard input closes, which happens
 * when this JVM exits, even by {@code kill -9}. Should both die but influxd live on, the next start
 * finds its pid file and ends it before starting a new one on the same directory.
 */
final class ManagedInfluxd implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ManagedInfluxd.class);

	/** Starts influxd ($0 -config $1), writes its pid to $2, and ends it once stdin closes or it is signalled. */
	private static final String WATCHDOG = "\"$0\" -config \"$1\" & influxd=$!; echo $influxd > \"$2\"; "
			+ "trap 'kill $influxd 2>/dev/null; wait $influxd; exit' HUP INT TERM; "
			+ "while read ignored; do :; done; kill $influxd; wait $influxd";

	private final Process watchdog;

	private final long pid;

	private final Path pidFile;

	private final FileLock home;

	private final String url;

	private ManagedInfluxd(Process watchdog, long pid, Path pidFile, FileLock home, String url) {
		this.watchdog = watchdog;
		this.pid = pid;
		this.pidFile = pidFile;
		this.home = home;
		this.url = url;
	}

	/** The {@code influxd} that {@code binary} names, if this machine has it. */
	static Optional<Path> find(String binary) {
		if (binary.contains(File.separator)) {
			return Optional.of(Path.of(binary)).filter(Files::isExecutable);
		}
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Arrays.stream(path.split(File.pathSeparator))
			.filter(dir -> !dir.isBlank())
			.map(dir -> Path.of(dir, binary))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** Starts {@code binary} with its files under {@code home} and waits for it to answer. */
	static ManagedInfluxd start(Path binary, Path home, int port, Duration startupTimeout) throws IOException {
		Files.createDirectories(home);
		FileLock lock = lock(home);
		try {
			return start(binary, home, lock, port, startupTimeout);
		}
		catch (IOException | RuntimeException ex) {
			lock.channel().close();
			throw ex;
		}
	}

	private static ManagedInfluxd start(Path binary, Path home, FileLock lock, int port, Duration startupTimeout)
			throws IOException {
		Path pidFile = home.resolve("influxd.pid");
		InfluxdProcesses.endLeftover(pidFile);
		int httpPort = port == 0 ? InfluxdProcesses.freePort() : port;
		// another server on the port would answer the pings meant for this one
		InfluxdProcesses.requireFree(httpPort);
		Path config = home.resolve("influxdb.conf");
		Files.writeString(config, InfluxdProcesses.config(home, httpPort, InfluxdProcesses.freePort()));
		Path logFile = home.resolve("influxd.log");
		Process watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, binary.toString(), config.toString(),
				pidFile.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		long pid;
		try {
			pid = awaitPid(pidFile, watchdog);
		}
		catch (IOException ex) {
			watchdog.destroyForcibly();
			throw ex;
		}
		ManagedInfluxd influxd = new ManagedInfluxd(watchdog, pid, pidFile, lock, "http://127.0.0.1:" + httpPort);
		try {
			influxd.awaitPing(startupTimeout, logFile);
		}
		catch (IOException | RuntimeException ex) {
			influxd.close();
			throw ex;
		}
		log.info("Started influxd {} (pid {}) on {}, data in {}", binary, influxd.pid, influxd.url, home);
		return influxd;
	}

	private static long awaitPid(Path pidFile, Process watchdog) throws IOException {
		long deadline = System.nanoTime() + InfluxdProcesses.STOP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
			if (!pid.isEmpty()) {
				return Long.parseLong(pid);
			}
			if (!watchdog.isAlive()) {
				throw new IOException("Could not start influxd: sh exited with " + watchdog.exitValue());
			}
			InfluxdProcesses.sleep(10);
		}
		throw new IOException("influxd was not started within " + InfluxdProcesses.STOP_TIMEOUT);
	}

	String url() {
		return url;
	}

	long pid() {
		return pid;
	}

	long watchdogPid() {
		return watchdog.pid();
	}

	/** Closes the watchdog's input, as this JVM's end would: the watchdog then ends influxd. */
	void abandon() throws IOException {
		watchdog.getOutputStream().close();
	}

	@Override
	public void close() {
		try {
			abandon();
			if (!watchdog.waitFor(InfluxdProcesses.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				watchdog.destroyForcibly();
			}
			// the watchdog may have died alone, killed from outside: then influxd is still to end
			InfluxdProcesses.endProcess(pid);
		}
		catch (IOException ex) {
			watchdog.destroyForcibly();
			InfluxdProcesses.endProcess(pid);
		}
		catch (InterruptedException ex) {
			watchdog.destroyForcibly();
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			Thread.currentThread().interrupt();
		}
		try {
			if (!InfluxdProcesses.running(pid)) {
				Files.deleteIfExists(pidFile);
			}
			home.channel().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Stopped influxd (pid {})", pid);
	}

	private void awaitPing(Duration timeout, Path logFile) throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!InfluxdProcesses.running(pid)) {
				throw new IOException("influxd exited: " + InfluxdProcesses.lastLines(logFile));
			}
			try {
				if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for influxd", ex);
			}
			InfluxdProcesses.sleep(100);
		}
		throw new IOException(
				"influxd did not answer " + url + "/ping within " + timeout + ": " + InfluxdProcesses.lastLines(logFile));
	}

	/**
	 * One application per data directory runs its influxd: a second one on the same directory must
	 * not take the first one's server for a leftover.
	 */
	private static FileLock lock(Path home) throws IOException {
		FileChannel channel = FileChannel.open(home.resolve("influxd.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			throw new IOException("Another application runs the influxd of " + home);
		}
		return lock;
	}

}
