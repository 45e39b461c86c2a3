package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.statefront.analytics.Measurements;
import io.statefront.analytics.Traffic;
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
 * API's {@code /analytics/metrics} answers, asked with the console's session). The page shows all
 * traffic, or real traffic alone ({@code ?traffic=real}): the simulator's events left out.
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

	/** A breakdown's table: visitors (or visits) per tag value, with their share. */
	public record Breakdown(String measurement, String caption, String tag, String counted) {
	}

	static final List<Breakdown> BREAKDOWNS = List.of(new Breakdown("visitors_by_device", "Visitors by device", "Device",
			"Visitors"), new Breakdown("visitors_by_browser", "Visitors by browser", "Browser", "Visitors"),
			new Breakdown("visitors_by_os", "Visitors by OS", "OS", "Visitors"),
			new Breakdown("visitors_by_source", "Visitors by source", "Source", "Visitors"),
			new Breakdown("entry_pages", "Entry pages", "Page", "Visits"),
			new Breakdown("exit_pages", "Exit pages", "Page", "Visits"),
			new Breakdown("top_pages", "Top pages", "Page", "Views"),
			new Breakdown("visitors_by_country", "Visitors by country", "Country", "Visitors"));

	private final MetricsStore store;

	private final Clock clock;

	AnalyticsPageController(MetricsStore store) {
		this.store = store;
		this.clock = Clock.systemUTC();
	}

	@GetMapping("/console/analytics")
	String analytics(@RequestParam(defaultValue = "all") String traffic, Model model) {
		model.addAttribute("section", "analytics");
		model.addAttribute("realOnly", Traffic.ofParameter(traffic).map(Traffic::realOnly).orElse(false));
		model.addAttribute("title", "Analytics");
		model.addAttribute("charts", Measurements.SCALAR.stream()
			.map(measurement -> new Chart(measurement, Measurements.unit(measurement).name().toLowerCase(Locale.ROOT)))
			.toList());
		model.addAttribute("ranges", RANGES);
		model.addAttribute("store", store.mode());
		model.addAttribute("breakdowns", BREAKDOWNS);
		model.addAttribute("comparison",
				HourComparison.of(store, Traffic.ofParameter(traffic).orElse(Traffic.ALL), clock));
		return "console/analytics";
	}

	/** This hour against the previous one, the panel the page refreshes every minute. */
	@GetMapping("/console/analytics/comparison")
	String comparison(@RequestParam(defaultValue = "all") String traffic, Model model) {
		Traffic counted = Traffic.ofParameter(traffic).orElse(Traffic.ALL);
		model.addAttribute("realOnly", counted.realOnly());
		model.addAttribute("comparison", HourComparison.of(store, counted, clock));
		return "console/analytics :: comparison";
	}

	@GetMapping("/console/analytics/history/{measurement}")
	@ResponseBody
	ResponseEntity<?> history(@PathVariable String measurement, @RequestParam(defaultValue = "15") String minutes,
			@RequestParam(defaultValue = "all") String traffic) {
		int span;
		try {
			span = Integer.parseInt(minutes);
		}
		catch (NumberFormatException ex) {
			span = -1;
		}
		Traffic counted = Traffic.ofParameter(traffic).orElse(null);
		if (!Measurements.isKnown(measurement) || !RANGES.contains(span) || counted == null) {
			return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Known measurements: " + Measurements.all() + "; ranges in minutes: " + RANGES
							+ "; traffic: all or real"))
				.build();
		}
		try {
			List<MetricPoint> points = store.history(measurement, counted, Duration.ofMinutes(span));
			return ResponseEntity.ok(Map.of("measurement", measurement, "traffic", counted.parameter(), "points", points));
		}
		catch (MetricsStoreUnavailableException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The " + store.mode() + " metrics store did not answer; try again"));
		}
	}

}
