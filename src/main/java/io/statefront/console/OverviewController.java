package io.statefront.console;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.platform.disk.DataDirUsage;
import io.statefront.platform.disk.DiskGuard;
import io.statefront.platform.flink.FlinkRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The overview: jobs, topics, the health of each part and the data directory's disk, refreshed in place every few seconds
 * (the same URL with {@code HX-Request} answers the panels only).
 */
@Controller
class OverviewController {

	static final String VIEW = "console/overview";

	private static final Logger log = LoggerFactory.getLogger(OverviewController.class);

	private static final List<String> PARTS = List.of("broker", "flink", "gateway", "dataDisk", "metricHistory");

	private final JobFigures jobs;

	private final KafkaOffsets kafka;

	private final Map<String, HealthIndicator> health;

	private final DataDirUsage usage;

	private final DiskGuard guard;

	private final FlinkRuntime flink;

	OverviewController(JobFigures jobs, KafkaOffsets kafka, Map<String, HealthIndicator> health, DataDirUsage usage,
			DiskGuard guard, FlinkRuntime flink) {
		this.flink = flink;
		this.jobs = jobs;
		this.kafka = kafka;
		this.health = health;
		this.usage = usage;
		this.guard = guard;
	}

	@GetMapping("/console")
	String overview(HtmxRequest htmx, Model model) {
		model.addAttribute("section", "overview");
		model.addAttribute("jobs", jobs.rows());
		model.addAttribute("cluster", jobs.unmeasuredCluster().orElse(null));
		model.addAttribute("health", HealthPanel.of(health()));
		model.addAttribute("checkpointInterval", Formats.duration(flink.checkpointInterval()));
		model.addAttribute("lagPatience", Formats.duration(kafka.patience()));
		// both read what the background threads measured last: no file is walked here
		model.addAttribute("disk", DiskPanel.of(usage.latest(), guard.space()));
		try {
			model.addAttribute("topics", kafka.topics());
		}
		catch (Exception ex) {
			log.debug("Topics unavailable: {}", ex.toString());
			model.addAttribute("topicsUnavailable", "The broker did not answer: " + ex.getMessage());
			model.addAttribute("topics", List.of());
		}
		return htmx.isHtmxRequest() ? VIEW + " :: panels" : VIEW;
	}

	private Map<String, Health> health() {
		Map<String, Health> parts = new TreeMap<>();
		PARTS.stream().filter(health::containsKey).forEach(part -> parts.put(part, health.get(part).health()));
		return parts;
	}

}
