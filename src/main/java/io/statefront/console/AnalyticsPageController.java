package io.statefront.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.statefront.analytics.Measurements;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.analytics.history.MetricsStore.MetricPoint;
import io.statefront.analytics.history.MetricsStoreUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Live charts of every metric, fed over the console's STOMP endpoint as the analytics job emits
 * them; their history for the chosen range comes from the metrics store (the same question the
 * API's {@code /analytics/metrics} answers, asked with the console's session).
 */
@Controller
class AnalyticsPageController {

	static final List<Integer> RANGES = List.of(5, 15, 60, 1440);

	/** A chart of one measurement, whose values the page writes in their unit ({@link Measurements.Unit}). */
	public record Chart(String measurement, String unit) {

		public String caption() {
			return measurement.replace('_', ' ');
		}

	}

	private final MetricsStore store;

	AnalyticsPageController(MetricsStore store) {
		this.store = store;
	}

	@GetMapping("/console/analytics")
	String analytics(Model model) {
		model.addAttribute("section", "analytics");
		model.addAttribute("title", "Analytics");
		model.addAttribute("charts", Measurements.SCALAR.stream()
			.map(measurement -> new Chart(measurement, Measurements.unit(measurement).name().toLowerCase(Locale.ROOT)))
			.toList());
		model.addAttribute("ranges", RANGES);
		model.addAttribute("store", store.mode());
		return "console/analytics";
	}

	@GetMapping("/console/analytics/history/{measurement}")
	@ResponseBody
	ResponseEntity<?> history(@PathVariable String measurement, @RequestParam(defaultValue = "15") String minutes) {
		int span;
		try {
			span = Integer.parseInt(minutes);
		}
		catch (NumberFormatException ex) {
			span = -1;
		}
		if (!Measurements.isKnown(measurement) || !RANGES.contains(span)) {
			return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Known measurements: " + Measurements.all() + "; ranges in minutes: " + RANGES))
				.build();
		}
		try {
			List<MetricPoint> points = store.history(measurement, Duration.ofMinutes(span));
			return ResponseEntity.ok(Map.of("measurement", measurement, "points", points));
		}
		catch (MetricsStoreUnavailableException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The " + store.mode() + " metrics store did not answer; try again"));
		}
	}

}
