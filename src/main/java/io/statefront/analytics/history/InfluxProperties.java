package io.statefront.analytics.history;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where metric history goes. With {@code url} set, to that InfluxDB (any server with the 1.x HTTP
 * API: InfluxDB 1.x, 2.x through its v1 compatibility, 3 Core); else, when an {@code influxd}
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
public record InfluxProperties(@Nullable String url, @Nullable String username, @Nullable String password,
		@DefaultValue("statefront") String database, @DefaultValue("autogen") String retentionPolicy,
		@Nullable Duration retention, @DefaultValue("1000") int batchSize,
		@DefaultValue("100ms") Duration flushInterval, @DefaultValue Managed managed) {

	/**
	 * @param enabled whether to run an {@code influxd} found on this machine when no url is set
	 * @param binary the {@code influxd} to run: a path, or a name looked up on the PATH
	 * @param port its HTTP port on 127.0.0.1; 0 picks a free one
	 * @param startupTimeout how long it may take to answer its first ping
	 */
	public record Managed(@DefaultValue("true") boolean enabled, @DefaultValue("influxd") String binary,
			@DefaultValue("8086") int port, @DefaultValue("30s") Duration startupTimeout) {
	}

}
