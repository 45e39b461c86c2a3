package io.statefront.platform.disk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When the disk guard refuses writes: while the data directory's file system has less usable
 * space than the larger of {@code minFree} and {@code minFreePercent} of its size.
 *
 * @param minFree the least usable space to keep free, whatever the file system's size
 * @param minFreePercent the least share of the file system (0 to 100) to keep free
 * @param checkInterval how often the guard reads the usable space
 * @param usageInterval how often the console's figures of each part of the data directory are
 * measured (each measurement walks every file)
 */
@ConfigurationProperties("statefront.disk")
record DiskProperties(@DefaultValue("2GB") DataSize minFree, @DefaultValue("5") int minFreePercent,
		@DefaultValue("1s") Duration checkInterval, @DefaultValue("15s") Duration usageInterval) {

	DiskProperties {
		if (minFree.isNegative()) {
			throw new IllegalArgumentException("statefront.disk.min-free must not be negative");
		}
		if (minFreePercent < 0 || minFreePercent > 100) {
			throw new IllegalArgumentException("statefront.disk.min-free-percent must be 0 to 100");
		}
		if (checkInterval.isNegative() || checkInterval.isZero() || usageInterval.isNegative() || usageInterval.isZero()) {
			throw new IllegalArgumentException("statefront.disk intervals must be positive");
		}
	}

	FreeSpaceThreshold threshold() {
		return new FreeSpaceThreshold(minFree.toBytes(), minFreePercent);
	}

}
