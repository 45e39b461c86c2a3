package io.statefront.console;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.platform.flink.CheckpointHistory;
import io.statefront.platform.flink.CheckpointRecord;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.RestorePoint;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The checkpoint flow made visible, per job: counts, the latest of each kind, the history that
 * outlives restarts, and what each task did for one checkpoint. The operator's actions on the
 * page are {@link CheckpointActions}'.
 */
@Controller
class CheckpointsController {

	static final String VIEW = "console/checkpoints";

	private final FlinkRuntime flink;

	private final CheckpointHistory history;

	private final CheckpointHistoryPanel panel;

	CheckpointsController(FlinkRuntime flink, CheckpointHistory history, CheckpointHistoryPanel panel) {
		this.flink = flink;
		this.history = history;
		this.panel = panel;
	}

	@GetMapping("/console/checkpoints")
	String checkpoints(@RequestParam(required = false) @Nullable String job, @RequestParam(defaultValue = "false") boolean all,
			HtmxRequest htmx, Model model) {
		String shown = (job != null) ? known(flink, job) : flink.jobNames().stream().findFirst().orElseThrow(
				() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No Flink jobs are configured"));
		model.addAttribute("section", "checkpoints");
		model.addAttribute("title", "Checkpoints");
		model.addAttribute("jobs", flink.jobNames());
		panel.addTo(model, shown, all);
		model.addAttribute("restorePoints", restoreOptions(shown));
		// where the operator chooses what a job stopped for its command log restarts from
		model.addAttribute("stopReason", flink.stopReason(shown).orElse(null));
		model.addAttribute("parallelism", flink.job(shown).map(FlinkRuntime.RunningJob::parallelism).orElse(null));
		model.addAttribute("maxParallelism", flink.maxParallelism());
		return htmx.isHtmxRequest() ? VIEW + " :: history" : VIEW;
	}

	@GetMapping("/console/checkpoints/{job}/{run}/{id}")
	String checkpoint(@PathVariable String job, @PathVariable String run, @PathVariable long id,
			@RequestParam(defaultValue = "COMPLETED") CheckpointRecord.Status status, Model model) {
		CheckpointRecord record = history.find(known(flink, job), run, id, status)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such checkpoint in the history"));
		model.addAttribute("section", "checkpoints");
		model.addAttribute("title", "Checkpoint " + id + " of " + job);
		model.addAttribute("record", new CheckpointView(record));
		return "console/checkpoint";
	}

	/**
	 * The retained checkpoints and savepoints, each with when it completed: as the history recorded
	 * it where it did (the same time its row shows), else when its metadata was written.
	 */
	private List<RestoreOption> restoreOptions(String job) {
		Map<String, Long> completedAt = new HashMap<>();
		history.history(job)
			.stream()
			.filter(record -> record.status() == CheckpointRecord.Status.COMPLETED && record.path() != null)
			.forEach(record -> completedAt.putIfAbsent(RestorePoint.folderOf(record.path()),
					new CheckpointView(record).endedAt()));
		return flink.restorePoints(job)
			.stream()
			.map(point -> new RestoreOption(point,
					completedAt.getOrDefault(point.path(), point.completedAt().toEpochMilli())))
			.toList();
	}

	/** A restore point as the restart form offers it. */
	public record RestoreOption(RestorePoint point, long completedAt) {

		public String path() {
			return point.path();
		}

		public String label() {
			return point.kind().name().toLowerCase(Locale.ROOT) + " " + point.name() + " — completed "
					+ Formats.time(completedAt);
		}

	}

	static String known(FlinkRuntime flink, String job) {
		if (!flink.jobNames().contains(job)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No job named " + job);
		}
		return job;
	}

}
