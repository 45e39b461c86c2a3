package io.statefront.analytics.history;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Where metric history is kept, and whether that store answers. History is not what the shop runs
 * on: an InfluxDB that is away shows as {@code reachable: false} (and in the write-error meters),
 * not as the application being down.
 */
@Component("metricHistory")
class MetricsStoreHealthIndicator implements HealthIndicator {

	private final MetricsStore store;

	MetricsStoreHealthIndicator(MetricsStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("mode", store.mode()).withDetail("reachable", store.available());
		if (store instanceof InfluxMetricsStore influx) {
			health.withDetail("url", influx.url()).withDetail("database", influx.database());
		}
		return health.build();
	}

}
