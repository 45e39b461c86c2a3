package io.statefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible object store in a JVM of its own: Adobe's S3Mock (its executable jar, which the
 * build copies to {@code target/s3mock/}), serving the S3 REST API over plain HTTP with one bucket,
 * {@value #BUCKET}. It checks no signatures: any access key will do.
 */
public final class S3MockProcess implements AutoCloseable {

	public static final String BUCKET = "statefront";

	/** Flink's S3 file system as a plugin, as the build lays it out (and the image at {@code /app/plugins}). */
	public static final Path FLINK_PLUGINS = Path.of("target", "flink-plugins").toAbsolutePath();

	private static final Path JAR = Path.of("target", "s3mock", "s3mock-exec.jar").toAbsolutePath();

	private static final Pattern KEY = Pattern.compile("<Key>([^<]+)</Key>");

	private final Path dir;

	private final Path log;

	private final int httpPort = FreePorts.next();

	private final int httpsPort = FreePorts.next();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Process process;

	/**
	 * @param dir where it keeps the objects
	 * @param log where its output goes
	 */
	public S3MockProcess(Path dir, Path log) {
		this.dir = dir;
		this.log = log;
	}

	/** The S3 API's address. */
	public String endpoint() {
		return "http://localhost:" + httpPort;
	}

	/** Its process id. */
	public long pid() {
		return process.pid();
	}

	/**
	 * The application's settings for checkpoints and savepoints under {@code s3://statefront/<prefix>}
	 * through Flink's S3 plugin.
	 */
	public List<String> applicationArguments(String prefix) {
		return List.of("--statefront.flink.storage.dir=s3://" + BUCKET + "/" + prefix,
				"--statefront.flink.storage.plugins-dir=" + FLINK_PLUGINS,
				"--statefront.flink.storage.s3.endpoint=" + endpoint(),
				"--statefront.flink.storage.s3.path-style-access=true",
				"--statefront.flink.storage.s3.access-key=statefront", "--statefront.flink.storage.s3.secret-key=unchecked");
	}

	/** The same settings by Flink's own keys, for a Flink process's {@code config.yaml}. */
	public List<String> flinkSettings() {
		return List.of("s3.endpoint: " + endpoint(), "s3.path.style.access: true", "s3.access-key: statefront",
				"s3.secret-key: unchecked");
	}

	/** Starts it and waits until it answers. */
	public void start(Duration limit) throws InterruptedException {
		launch();
		awaitReady(limit);
	}

	/** Starts it; {@link #awaitReady} waits until it answers, so that other processes may start meanwhile. */
	public void launch() {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException("No " + JAR + ": the build's generate-test-resources phase copies it");
		}
		List<String> command = List.of(AppProcess.javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-jar", JAR.toString(), "--http.port=" + httpPort,
				"--com.adobe.testing.s3mock.httpPort=" + httpPort, "--server.port=" + httpsPort,
				"--server.address=localhost", "--com.adobe.testing.s3mock.domain.initialBuckets=" + BUCKET,
				"--com.adobe.testing.s3mock.domain.root=" + dir, "--spring.main.banner-mode=off");
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until it answers, failing if it exits or takes longer than {@code limit}. */
	public void awaitReady(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (get("/" + BUCKET + "?list-type=2&max-keys=1").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYetListening) {
				// keep waiting
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("S3Mock did not answer within " + limit + "; see " + log);
	}

	/** The keys of the objects in the bucket under {@code prefix}, read through the S3 API. */
	public List<String> keys(String prefix) {
		List<String> keys = new ArrayList<>();
		try {
			HttpResponse<String> listing = get("/" + BUCKET + "?list-type=2&max-keys=10000&prefix="
					+ URLEncoder.encode(prefix, StandardCharsets.UTF_8));
			if (listing.statusCode() != 200) {
				throw new IllegalStateException("Listing " + prefix + " answered " + listing.statusCode() + ": "
						+ listing.body());
			}
			Matcher key = KEY.matcher(listing.body());
			while (key.find()) {
				keys.add(key.group(1));
			}
			return keys;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(endpoint() + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** {@code kill -9}: the test is over, and nothing in the store is kept. */
	@Override
	public void close() throws InterruptedException {
		Processes.kill(process);
	}

}
