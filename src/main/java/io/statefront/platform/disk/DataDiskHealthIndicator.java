package io.statefront.platform.disk;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Down while the disk guard refuses writes (and when the data directory's file system cannot be
 * read), with the figures it decided on. Part of the readiness group: an instance whose disk is
 * nearly full should get no new traffic.
 */
class DataDiskHealthIndicator implements HealthIndicator {

	private final DiskGuard guard;

	DataDiskHealthIndicator(DiskGuard guard) {
		this.guard = guard;
	}

	@Override
	public Health health() {
		DiskSpace space = guard.space();
		String failure = guard.failure();
		Health.Builder health = (space.low() || failure != null || !space.known()) ? Health.down() : Health.up();
		health.withDetail("path", guard.dataDir().toString())
			.withDetail("free", space.usableBytes())
			.withDetail("threshold", space.requiredBytes())
			.withDetail("total", space.totalBytes())
			.withDetail("refusingWrites", space.low());
		if (failure != null) {
			health.withDetail("error", failure);
		}
		return health.build();
	}

}
