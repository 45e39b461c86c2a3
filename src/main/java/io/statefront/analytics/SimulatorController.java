package io.statefront.analytics;

import jakarta.validation.Valid;

import io.statefront.platform.web.ApiController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Reads and changes the event simulator's settings while it runs (the console uses this too). */
@ApiController("/analytics/simulator")
@Tag(name = "analytics")
class SimulatorController {

	/** The settings and how many events have been sent since the start. */
	record SimulatorState(boolean running, int eventsPerSecond, int bouncerPercent, long eventsSent) {
	}

	private final EventSimulator simulator;

	SimulatorController(EventSimulator simulator) {
		this.simulator = simulator;
	}

	@Operation(operationId = "simulator", summary = "The simulator's settings and how many events it has sent")
	@GetMapping
	SimulatorState state() {
		SimulatorSettings settings = simulator.settings();
		return new SimulatorState(settings.running(), settings.eventsPerSecond(), settings.bouncerPercent(),
				simulator.eventsSent());
	}

	@Operation(operationId = "changeSimulator", summary = "Changes the simulator's settings, applied at once")
	@PutMapping
	SimulatorState change(@Valid @RequestBody SimulatorSettings settings) {
		simulator.apply(settings);
		return state();
	}

}
