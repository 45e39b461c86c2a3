package io.statefront.analytics.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.StatefrontProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where metric history is kept, in this order: the InfluxDB at {@code statefront.influx.url};
 * an {@code influxd} found on this machine, run by the application; memory. The choice is logged
 * and shown in health.
 */
@Configuration(proxyBeanMethods = false)
class MetricsStoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MetricsStoreConfiguration.class);

	@Bean
	MetricsStore metricsStore(InfluxProperties influx, StatefrontProperties statefront, MeterRegistry meters) {
		Counter writeErrors = Counter.builder("statefront.analytics.influx.write.errors")
			.description("Writes to InfluxDB that failed (their points are retried)")
			.register(meters);
		Counter droppedPoints = Counter.builder("statefront.analytics.influx.points.dropped")
			.description("Metric points given up on: InfluxDB refused them, or was away too long")
			.baseUnit("points")
			.register(meters);
		if (influx.url() != null) {
			log.info("Metric history: InfluxDB at {}, database '{}', retention policy '{}'", influx.url(),
					influx.database(), influx.retentionPolicy());
			return new InfluxMetricsStore("external", influx.url(), influx, writeErrors, droppedPoints, null);
		}
		Optional<Path> influxd = influx.managed().enabled() ? ManagedInfluxd.find(influx.managed().binary())
				: Optional.empty();
		if (influxd.isPresent()) {
			ManagedInfluxd server;
			try {
				server = ManagedInfluxd.start(influxd.get(), statefront.influxDir(), influx.managed().port(),
						influx.managed().startupTimeout());
			}
			catch (IOException | RuntimeException ex) {
				log.error("Could not start {} ({}): metric history is kept in memory instead", influxd.get(),
						ex.getMessage());
				return new InMemoryMetricsStore();
			}
			try {
				log.info("Metric history: the application's own influxd at {}, database '{}'", server.url(),
						influx.database());
				return new InfluxMetricsStore("managed", server.url(), influx, writeErrors, droppedPoints, server);
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
		}
		log.warn("Metric history is kept in memory only (the latest {} values of each metric, lost at restart): "
				+ "set statefront.influx.url, or install InfluxDB 1.x so that '{}' is found",
				InMemoryMetricsStore.VALUES_PER_MEASUREMENT, influx.managed().binary());
		return new InMemoryMetricsStore();
	}

}
