package io.statefront.analytics;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.statefront.analytics.history.MetricsStore;
import io.statefront.analytics.history.MetricsStore.MetricPoint;
import io.statefront.analytics.history.MetricsStoreUnavailableException;
import io.statefront.platform.web.ApiController;
import io.statefront.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A metric's recent history, for charts. */
@ApiController("/analytics/metrics")
@Tag(name = "analytics")
class MetricsController {

	record History(String measurement, String store, List<MetricPoint> points) {
	}

	private static final Logger log = LoggerFactory.getLogger(MetricsController.class);

	private final MetricsStore store;

	MetricsController(MetricsStore store) {
		this.store = store;
	}

	@Operation(operationId = "metricHistory", summary = "A measurement's results over the last minutes, oldest first")
	@ApiResponse(responseCode = "200", description = "The measurement's history and the store it came from",
			content = @Content(schema = @Schema(implementation = History.class)))
	@ApiResponse(responseCode = "404", description = "The analytics job computes no such measurement")
	@ApiResponse(responseCode = "503", description = "The InfluxDB holding the history did not answer; try again after "
			+ "Retry-After seconds", headers = @Header(name = HttpHeaders.RETRY_AFTER,
					description = "Seconds to wait before trying again", schema = @Schema(type = "integer")))
	@GetMapping("/{measurement}")
	ResponseEntity<?> history(
			@Parameter(description = "A measurement of the analytics job",
					example = "page_views_per_second") @PathVariable String measurement,
			@Parameter(description = "How far back, in minutes") @RequestParam(defaultValue = "15") @Min(1)
			@Max(1440) int minutes) {
		if (!Measurements.isKnown(measurement)) {
			return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "Unknown measurement",
					"The analytics job computes " + String.join(", ", Measurements.all().stream().sorted().toList())));
		}
		try {
			return ResponseEntity
				.ok(new History(measurement, store.mode(), store.history(measurement, Duration.ofMinutes(minutes))));
		}
		catch (MetricsStoreUnavailableException ex) {
			log.warn("Metric history of {} unavailable: {}", measurement, ex.getMessage());
			ResponseEntity<ProblemDetail> problem = Problems.response(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
					"Metric history unavailable", "The " + store.mode() + " metrics store did not answer; try again"));
			return ResponseEntity.status(problem.getStatusCode())
				.headers(problem.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(problem.getBody());
		}
	}

}
