package io.statefront.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools of this machine that some tests run, from Debian packages. On a machine without one,
 * those tests are skipped, except in CI ({@code CI=true}), where {@code .ci/run} installs them
 * and a missing one fails the tests.
 */
public final class Installed {

	private Installed() {
	}

	/** The {@code influxd} of Debian's {@code influxdb} package. */
	public static Path influxd() {
		return require("influxd", "influxdb");
	}

	/** Debian's {@code docker-compose}, which can check a compose file without a Docker engine. */
	public static Path dockerCompose() {
		return require("docker-compose", "docker-compose");
	}

	/** Debian's {@code haproxy}, which checks a configuration with {@code -c}. */
	public static Path haproxy() {
		return require("haproxy", "haproxy");
	}

	private static Path require(String command, String debianPackage) {
		Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map(dir -> Path.of(dir, command))
			.filter(Files::isExecutable)
			.findFirst();
		if (found.isEmpty()) {
			String why = command + " is not installed (Debian: apt-get install " + debianPackage + ")";
			if (Boolean.parseBoolean(System.getenv("CI"))) {
				Assertions.fail(why);
			}
			Assumptions.abort(why);
		}
		return found.get();
	}

}
