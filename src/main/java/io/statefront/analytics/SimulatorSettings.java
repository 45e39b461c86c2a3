package io.statefront.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The simulator's run-time settings, as the API reads and changes them.
 *
 * @param running whether it sends events
 * @param eventsPerSecond how many it sends each second
 */
public record SimulatorSettings(@NotNull Boolean running,
		@NotNull @Min(0) @Max(EventSimulator.MAX_EVENTS_PER_SECOND) Integer eventsPerSecond) {
}
