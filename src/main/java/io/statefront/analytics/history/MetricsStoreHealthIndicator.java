package io.statefront.analytics.history;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Where metric history is kept, and whether that store answers. */
@Component("metricHistory")
class MetricsStoreHealthIndicator implements HealthIndicator {

	private final MetricsStore store;

	MetricsStoreHealthIndicator(MetricsStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		Health.Builder health = store.available() ? Health.up() : Health.down();
		health.withDetail("mode", store.mode());
		if (store instanceof InfluxMetricsStore influx) {
			health.withDetail("url", influx.url()).withDetail("database", influx.database());
		}
		return health.build();
	}

}
