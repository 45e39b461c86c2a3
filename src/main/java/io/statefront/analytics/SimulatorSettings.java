package io.statefront.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's run-time settings, as the API reads and changes them.
 *
 * @param running whether it sends events
 * @param eventsPerSecond how many it sends each second
 * @param bouncerPercent the share of new visits, in percent, that leave after their first page;
 * unchanged when absent
 */
public record SimulatorSettings(@NotNull Boolean running,
		@NotNull @Min(0) @Max(EventSimulator.MAX_EVENTS_PER_SECOND) Integer eventsPerSecond,
		@Nullable @Min(0) @Max(100) Integer bouncerPercent) {

	public SimulatorSettings(boolean running, int eventsPerSecond) {
		this(running, eventsPerSecond, null);
	}

}
