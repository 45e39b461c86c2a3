package io.statefront.analytics.history;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where metric history goes. With {@code url} set, to that InfluxDB 1.x (a 2.x or 3.x server's
 * 1.x API works too once the database exists there: those do not take {@code CREATE DATABASE}); else, when an {@code influxd}
 * binary is found and {@code managed.enabled}, to one the application starts on loopback with its
 * data under the data directory; else into memory.
 *
 * @param url an external InfluxDB, such as {@code http://influxdb:8086}
 * @param username the external server's user, if it asks for one
 * @param password that user's password
 * @param database the database the metrics are written to (created when missing)
 * @param retentionPolicy the retention policy they are written under
 * @param retention how long that policy keeps points; when set, the policy is created or changed
 * to it at start, when not, the policy is used as the server has it ({@code autogen}: forever)
 * @param batchSize points sent in one write
 * @param flushInterval the longest a point waits for its batch
 * @param managed the InfluxDB the application runs itself
 */
@ConfigurationProperties("statefront.influx")
@Validated
record InfluxProperties(@Nullable String url, @Nullable String username, @Nullable String password,
		@DefaultValue("statefront") @NotBlank String database, @DefaultValue("autogen") @NotBlank String retentionPolicy,
		@Nullable Duration retention, @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
		@DefaultValue("100ms") Duration flushInterval, @DefaultValue @Valid Managed managed) {

	/** InfluxDB keeps points for an hour at least, and batches flush every millisecond at most. */
	@AssertTrue(message = "retention must be at least 1h, and flush-interval between 1ms and 1h")
	boolean isWithinInfluxLimits() {
		return (retention == null || retention.compareTo(Duration.ofHours(1)) >= 0)
				&& flushInterval.toMillis() >= 1 && flushInterval.compareTo(Duration.ofHours(1)) <= 0;
	}

	/**
	 * @param enabled whether to run an {@code influxd} found on this machine when no url is set
	 * @param binary the {@code influxd} to run: a path, or a name looked up on the PATH
	 * @param port its HTTP port on 127.0.0.1, beside a system InfluxDB on the usual 8086; 0 picks a free one
	 * @param startupTimeout how long it may take to answer its first ping
	 */
	record Managed(@DefaultValue("true") boolean enabled, @DefaultValue("influxd") @NotBlank String binary,
			@DefaultValue("8087") @Min(0) @Max(65_535) int port, @DefaultValue("30s") Duration startupTimeout) {
	}

}
