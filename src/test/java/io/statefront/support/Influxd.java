package io.statefront.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code influxd} of Debian's {@code influxdb} package, which tests of the InfluxDB modes run.
 * On a machine without it those tests are skipped, except in CI ({@code CI=true}), where
 * {@code .ci/run} installs it and a missing binary fails them.
 */
public final class Influxd {

	private Influxd() {
	}

	public static Path require() {
		Optional<Path> influxd = find();
		if (influxd.isEmpty()) {
			String why = "influxd is not installed (Debian: apt-get install influxdb)";
			if (Boolean.parseBoolean(System.getenv("CI"))) {
				Assertions.fail(why);
			}
			Assumptions.abort(why);
		}
		return influxd.get();
	}

	private static Optional<Path> find() {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map(dir -> Path.of(dir, "influxd"))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
