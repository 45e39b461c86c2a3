package io.statefront.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.analytics.EventSimulator;
import io.statefront.analytics.SimulatorSettings;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Switches the website-traffic simulator on and off and sets its rate and visitor mix, applied at once. */
@Controller
class SimulatorPanelController {

	static final String VIEW = "console/simulator";

	private final EventSimulator simulator;

	SimulatorPanelController(EventSimulator simulator) {
		this.simulator = simulator;
	}

	@GetMapping("/console/simulator")
	String simulator(HtmxRequest htmx, Model model) {
		show(model);
		return htmx.isHtmxRequest() ? VIEW + " :: state" : VIEW;
	}

	@PostMapping("/console/simulator")
	String change(@RequestParam(defaultValue = "false") boolean running, @RequestParam String eventsPerSecond,
			@RequestParam(defaultValue = "") String bouncerPercent,
			HtmxRequest htmx, Model model) {
		int rate = wholeNumber(eventsPerSecond);
		Integer bouncers = bouncerPercent.isBlank() ? null : wholeNumber(bouncerPercent);
		if (rate < 0 || rate > EventSimulator.MAX_EVENTS_PER_SECOND) {
			model.addAttribute("refusal", "Not changed: the rate is a whole number of events per second from 0 to "
					+ EventSimulator.MAX_EVENTS_PER_SECOND + ".");
		}
		else if (bouncers != null && (bouncers < 0 || bouncers > 100)) {
			model.addAttribute("refusal", "Not changed: the share of visitors who leave after one page is a whole "
					+ "percentage from 0 to 100.");
		}
		else {
			simulator.apply(new SimulatorSettings(running, rate, bouncers));
			model.addAttribute("done", running ? "Simulating " + rate + " events per second." : "Simulator stopped.");
		}
		show(model);
		return htmx.isHtmxRequest() ? VIEW + " :: form" : VIEW;
	}

	private static int wholeNumber(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private void show(Model model) {
		model.addAttribute("section", "simulator");
		model.addAttribute("title", "Simulator");
		model.addAttribute("settings", simulator.settings());
		model.addAttribute("eventsSent", simulator.eventsSent());
		model.addAttribute("maxRate", EventSimulator.MAX_EVENTS_PER_SECOND);
	}

}
