package io.statefront.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.flink.CheckpointHistory;
import io.statefront.platform.flink.CheckpointRecord;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.Restart;
import io.statefront.platform.flink.RestorePoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The checkpoint flow made visible, per job: counts, the latest of each kind, the history that
 * outlives restarts; and the operator's actions: a checkpoint now, a savepoint, a restart from a
 * chosen checkpoint or savepoint, a rescale to another parallelism.
 */
@Controller
class CheckpointsController {

	static final String VIEW = "console/checkpoints";

	private static final Logger log = LoggerFactory.getLogger(CheckpointsController.class);

	private static final int SHOWN = 100;

	private final FlinkRuntime flink;

	private final CheckpointHistory history;

	CheckpointsController(FlinkRuntime flink, CheckpointHistory history) {
		this.flink = flink;
		this.history = history;
	}

	@GetMapping("/console/checkpoints")
	String checkpoints(@RequestParam(required = false) @Nullable String job, @RequestParam(defaultValue = "false") boolean all,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
		String shown = (job != null) ? known(job) : flink.jobNames().stream().findFirst().orElseThrow(
				() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No Flink jobs are configured"));
		List<CheckpointRecord> records = history.history(shown);
		model.addAttribute("section", "checkpoints");
		model.addAttribute("title", "Checkpoints");
		model.addAttribute("jobs", flink.jobNames());
		model.addAttribute("job", shown);
		model.addAttribute("all", all);
		model.addAttribute("counts", history.counts(shown));
		model.addAttribute("latest", LatestCheckpoints.of(records));
		model.addAttribute("records", records.stream().limit(all ? records.size() : SHOWN).map(CheckpointView::new).toList());
		model.addAttribute("recordCount", records.size());
		model.addAttribute("restorePoints", flink.restorePoints(shown).stream().map(RestoreOption::new).toList());
		// where the operator chooses what a job stopped for its command log restarts from
		model.addAttribute("stopReason", flink.stopReason(shown).orElse(null));
		model.addAttribute("parallelism", flink.job(shown).map(FlinkRuntime.RunningJob::parallelism).orElse(null));
		model.addAttribute("maxParallelism", flink.maxParallelism());
		return htmx ? VIEW + " :: history" : VIEW;
	}

	@GetMapping("/console/checkpoints/{job}/{run}/{id}")
	String checkpoint(@PathVariable String job, @PathVariable String run, @PathVariable long id,
			@RequestParam(defaultValue = "COMPLETED") CheckpointRecord.Status status, Model model) {
		CheckpointRecord record = history.find(known(job), run, id, status)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such checkpoint in the history"));
		model.addAttribute("section", "checkpoints");
		model.addAttribute("title", "Checkpoint " + id + " of " + job);
		model.addAttribute("record", new CheckpointView(record));
		return "console/checkpoint";
	}

	@PostMapping("/console/checkpoints/{job}/checkpoint")
	String triggerCheckpoint(@PathVariable String job, Model model) {
		return act(model, known(job), () -> "Checkpoint completed: "
				+ flink.triggerCheckpoint(job).get(60, TimeUnit.SECONDS));
	}

	@PostMapping("/console/checkpoints/{job}/savepoint")
	String triggerSavepoint(@PathVariable String job, Model model) {
		return act(model, known(job), () -> "Savepoint taken: " + flink.triggerSavepoint(job).get(120, TimeUnit.SECONDS));
	}

	@PostMapping("/console/checkpoints/{job}/restart")
	String restart(@PathVariable String job, @RequestParam(required = false) @Nullable String from,
			@RequestParam(defaultValue = "false") boolean confirm, Model model) {
		known(job);
		if (from == null || flink.restorePoints(job).stream().noneMatch(point -> point.path().toString().equals(from))) {
			return refuse(model, "Choose one of the retained checkpoints or savepoints of " + job + ".");
		}
		if (!confirm) {
			return refuse(model, "Confirm the restart: " + job + " stops, and its state goes back to the chosen point.");
		}
		return act(model, job, () -> {
			Restart restart = flink.restart(job, Path.of(from));
			return "Restarted " + job + " from " + from + (restart.checkpointed()
					? "; a checkpoint of the restored state was taken."
					: "; its restored state could not be checkpointed yet: until its next checkpoint, a crash resumes from a newer one.");
		});
	}

	/**
	 * Stops the job with a savepoint and runs it from there with another parallelism. A parallelism
	 * that is not a number from 1 to the jobs' maximum is refused with 400, one that changes nothing
	 * or needs more task slots than the cluster has free with 409; nothing is stopped then.
	 */
	@PostMapping("/console/checkpoints/{job}/rescale")
	ModelAndView rescale(@PathVariable String job, @RequestParam(required = false) @Nullable String parallelism,
			Model model) {
		known(job);
		int wanted = parallelism(parallelism);
		if (wanted < 1 || wanted > flink.maxParallelism()) {
			return refused(model, HttpStatus.BAD_REQUEST,
					"Enter a parallelism from 1 to " + flink.maxParallelism() + " for " + job + ".");
		}
		try {
			FlinkRuntime.RunningJob rescaled = flink.rescale(job, wanted);
			model.addAttribute("message", "Rescaled " + job + " to parallelism " + rescaled.parallelism() + " from "
					+ rescaled.restoredFrom().map(Path::toString).orElse("its savepoint") + ".");
			model.addAttribute("failed", false);
		}
		catch (IllegalArgumentException ex) {
			return refused(model, HttpStatus.CONFLICT, ex.getMessage() + ": nothing was changed.");
		}
		catch (RuntimeException ex) {
			log.warn("Rescaling {} to {} failed: {}", job, wanted, ex.toString());
			// the message says where the job stands now (running on as before, or back from the savepoint)
			model.addAttribute("message", "Failed: " + ex.getMessage());
			model.addAttribute("failed", true);
		}
		history.refresh();
		return new ModelAndView(VIEW + " :: result", model.asMap());
	}

	private static int parallelism(@Nullable String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static ModelAndView refused(Model model, HttpStatus status, String message) {
		model.addAttribute("message", message);
		model.addAttribute("failed", true);
		return new ModelAndView(VIEW + " :: result", model.asMap(), status);
	}

	/** A restore point as the restart form offers it. */
	public record RestoreOption(RestorePoint point) {

		public String path() {
			return point.path().toString();
		}

		public String label() {
			return point.kind().name().toLowerCase(Locale.ROOT) + " " + point.name() + " — "
					+ Formats.time(point.completedAt().toEpochMilli());
		}

	}

	private interface Action {

		String run() throws Exception;

	}

	private String act(Model model, String job, Action action) {
		try {
			model.addAttribute("message", action.run());
			model.addAttribute("failed", false);
		}
		catch (Exception ex) {
			log.warn("Console action on {} failed: {}", job, ex.toString());
			model.addAttribute("message", "Failed: " + rootMessage(ex));
			model.addAttribute("failed", true);
		}
		history.refresh();
		return VIEW + " :: result";
	}

	private static String refuse(Model model, String message) {
		model.addAttribute("message", message);
		model.addAttribute("failed", true);
		return VIEW + " :: result";
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private String known(String job) {
		if (!flink.jobNames().contains(job)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No job named " + job);
		}
		return job;
	}

}
