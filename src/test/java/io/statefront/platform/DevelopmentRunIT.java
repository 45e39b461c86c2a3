package io.statefront.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.support.Api;
import io.statefront.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md's run command as a new user runs it, {@code ./mvnw spring-boot:run} with what the
 * README puts around it: the JVM it starts has the full JIT (not the Maven plugin's quick launch,
 * whose code cache fills within minutes and switches the compiler off), every {@code curl} example
 * of the README is let in with the password the command sets, and {@code SIGTERM} stops it
 * cleanly: Maven reports success, not {@code BUILD FAILURE} with exit code 143.
 */
class DevelopmentRunIT {

	private static final Pattern RUN_COMMAND = Pattern.compile("(?m)^(\\S+=\\S+ )*\\./mvnw spring-boot:run[^#\\n]*");

	private static final Pattern STARTING = Pattern.compile("Starting Application using Java \\S+ with PID (\\d+)");

	private static final Pattern CURL_EXAMPLE = Pattern.compile("(?m)^\\$ (curl (?:[^\\n]*\\\\\\n)*[^\\n]*)$");

	@TempDir
	Path work;

	@Test
	void theReadmesRunCommandGetsTheFullJitLetsItsExamplesInAndStopsCleanly() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		Matcher command = RUN_COMMAND.matcher(readme);
		assertThat(command.find()).as("README.md has a spring-boot:run command").isTrue();
		int port = FreePorts.next();
		Path log = Files.createDirectories(Path.of("target")).resolve("development-run.log");
		String arguments = String.join(" ", "--server.port=" + port, "--statefront.data-dir=" + work.resolve("data"),
				"--statefront.kafka.embedded.port=" + FreePorts.next(),
				"--statefront.kafka.embedded.controller-port=" + FreePorts.next(), "--statefront.influx.managed.port=0");
		// offline: the build that runs this test has resolved every plugin and dependency the run needs
		Process maven = new ProcessBuilder("bash", "-c",
				command.group().strip() + " -o -B '-Dspring-boot.run.arguments=" + arguments + "'")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			Api anonymous = new Api("http://localhost:" + port, null, null);
			ProcessHandle application = awaitStarted(maven, anonymous, log);

			assertThat(Files.readString(log)).as("the tests are not compiled for a run").contains("Not compiling test sources");
			assertThat(jitFlags(application)).as("the flags of the JVM spring-boot:run started")
				.contains("TieredCompilation = true", "TieredStopAtLevel = 4");

			for (String example : curlExamples(readme, port)) {
				Process curl = new ProcessBuilder("bash", "-c", example + " -s -o /dev/null -w '%{http_code}'").start();
				String status = new String(curl.getInputStream().readAllBytes()).strip();
				assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(status).as(example).doesNotStartWith("0").isNotIn("401", "403");
			}

			// what the Maven plugin does when Maven is stopped, and what a user's kill of the application does
			application.destroy();
			assertThat(maven.waitFor(3, TimeUnit.MINUTES)).as("stopped").isTrue();
			String output = Files.readString(log);
			assertThat(maven.exitValue()).as(output).isZero();
			assertThat(output).contains("BUILD SUCCESS", "Stopped Flink job 'functions' with savepoint")
				.doesNotContain("BUILD FAILURE", "exit code");
		}
		finally {
			maven.descendants().forEach(ProcessHandle::destroyForcibly);
			maven.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** The application's JVM, once it has started (its liveness probe answers). */
	private static ProcessHandle awaitStarted(Process maven, Api anonymous, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (System.nanoTime() < deadline) {
			assertThat(maven.isAlive()).as("Maven runs the application; see " + log).isTrue();
			// the JVM Maven started, as the application names it (a command line is too long to search)
			Matcher started = STARTING.matcher(Files.readString(log));
			Optional<ProcessHandle> application = started.find()
					? ProcessHandle.of(Long.parseLong(started.group(1))) : Optional.empty();
			try {
				if (application.isPresent() && anonymous.get("/actuator/health/liveness").status() == 200) {
					return application.get();
				}
			}
			catch (RuntimeException notYetListening) {
				// keep waiting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The application did not start within 10 minutes; see " + log);
	}

	/** The JIT's flags as the running JVM reports them ({@code jcmd <pid> VM.flags -all}). */
	private static List<String> jitFlags(ProcessHandle application) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process flags = new ProcessBuilder(jcmd.toString(), Long.toString(application.pid()), "VM.flags", "-all")
			.redirectErrorStream(true)
			.start();
		String all = new String(flags.getInputStream().readAllBytes());
		assertThat(flags.waitFor(1, TimeUnit.MINUTES)).isTrue();
		return all.lines()
			.map(line -> line.strip().replaceAll("\\s+", " "))
			.filter(line -> line.matches("\\S+ (TieredCompilation|TieredStopAtLevel) = .*"))
			.map(line -> line.replaceAll("^\\S+ (\\S+ = \\S+).*", "$1"))
			.toList();
	}

	/** Every {@code $ curl …} example of the README, sent to this run's port. */
	private static List<String> curlExamples(String readme, int port) {
		List<String> examples = new ArrayList<>();
		Matcher example = CURL_EXAMPLE.matcher(readme);
		while (example.find()) {
			examples.add(example.group(1).replace("\\\n", " ").replace("localhost:8080", "localhost:" + port));
		}
		assertThat(examples).as("the README's curl examples").hasSizeGreaterThan(5);
		return examples;
	}

}
