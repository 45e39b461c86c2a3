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
class MetricsController {

	record History(String measurement, String store, List<MetricPoint> points) {
	}

	private static final Logger log = LoggerFactory.getLogger(MetricsController.class);

	private final MetricsStore store;

	MetricsController(MetricsStore store) {
		this.store = store;
	}

	@GetMapping("/{measurement}")
	ResponseEntity<?> history(@PathVariable String measurement,
			@RequestParam(defaultValue = "15") @Min(1) @Max(1440) int minutes) {
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
