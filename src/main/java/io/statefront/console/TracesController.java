package io.statefront.console;

import java.util.List;
import java.util.regex.Pattern;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.platform.tracing.RecentRequests;
import io.statefront.platform.tracing.TracedRequest;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where slow requests spent their time: the slowest of the latest requests, each with its hops
 * through Kafka and the functions, from the application's own memory ({@link RecentRequests}), no
 * collector needed. A trace id a caller quotes (their response's {@code traceresponse}) finds its
 * request while it is among the latest.
 */
@Controller
class TracesController {

	static final String VIEW = "console/traces";

	static final int SHOWN = 20;

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	private final RecentRequests recent;

	private final Environment environment;

	TracesController(RecentRequests recent, Environment environment) {
		this.recent = recent;
		this.environment = environment;
	}

	@GetMapping("/console/traces")
	String traces(@RequestParam(defaultValue = "") String trace, HtmxRequest htmx, Model model) {
		model.addAttribute("section", "traces");
		model.addAttribute("title", "Traces");
		model.addAttribute("shown", SHOWN);
		model.addAttribute("exportedTo", environment.getProperty(OTLP_ENDPOINT,
				environment.getProperty("management.opentelemetry.otlp.endpoint", "")));
		model.addAttribute("trace", trace);
		String wanted = traceIdOf(trace.strip().toLowerCase());
		if (!trace.isBlank()) {
			TracedRequest found = (wanted != null) ? recent.find(wanted) : null;
			model.addAttribute("found", (found != null) ? TraceView.of(found) : null);
			model.addAttribute("notFound", (found == null)
					? ((wanted == null) ? "“" + trace.strip() + "” is not a trace id: 32 hexadecimal digits, or a whole traceresponse header."
							: "Trace " + wanted + " is not among the latest requests.")
					: null);
		}
		List<TraceView> slowest = recent.slowest(SHOWN).stream().map(TraceView::of).toList();
		model.addAttribute("requests", slowest);
		return htmx.isHtmxRequest() ? VIEW + " :: requests" : VIEW;
	}

	/** The trace id in a trace id or a whole {@code traceresponse} / {@code traceparent} value; else null. */
	static String traceIdOf(String text) {
		String[] parts = text.split("-");
		String candidate = (parts.length == 4) ? parts[1] : text;
		return TRACE_ID.matcher(candidate).matches() ? candidate : null;
	}

}
