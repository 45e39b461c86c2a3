package io.statefront.console;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.JobRequests;
import io.statefront.platform.flink.Restart;
import org.apache.flink.api.common.JobStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The operator's actions on a job: a checkpoint now, a savepoint, a restart from a chosen
 * checkpoint or savepoint, a rescale to another parallelism. Each answer says what Flink reports
 * happened (not merely that something went wrong on the way to asking), and carries the history
 * panel, read afresh, so that its counts agree with the answer.
 */
@Controller
class CheckpointActions {

	private static final String RESULT = "console/checkpoint-outcome";

	private static final Logger log = LoggerFactory.getLogger(CheckpointActions.class);

	private final FlinkRuntime flink;

	private final JobRequests requests;

	private final CheckpointHistoryPanel panel;

	CheckpointActions(FlinkRuntime flink, JobRequests requests, CheckpointHistoryPanel panel) {
		this.flink = flink;
		this.requests = requests;
		this.panel = panel;
	}

	@PostMapping("/console/checkpoints/{job}/checkpoint")
	String triggerCheckpoint(@PathVariable String job, Model model) {
		return act(model, known(job), () -> "Checkpoint completed: "
				+ requests.triggerCheckpoint(job).get(JobRequests.CHECKPOINT_WAIT.toSeconds() + 30, TimeUnit.SECONDS));
	}

	@PostMapping("/console/checkpoints/{job}/savepoint")
	String triggerSavepoint(@PathVariable String job, Model model) {
		return act(model, known(job), () -> "Savepoint taken: "
				+ requests.triggerSavepoint(job).get(JobRequests.SAVEPOINT_WAIT.toSeconds() + 30, TimeUnit.SECONDS));
	}

	@PostMapping("/console/checkpoints/{job}/restart")
	String restart(@PathVariable String job, @RequestParam(required = false) @Nullable String from,
			@RequestParam(defaultValue = "false") boolean confirm, Model model) {
		known(job);
		if (from == null || flink.restorePoints(job).stream().noneMatch(point -> point.path().equals(from))) {
			return refuse(model, "Choose one of the retained checkpoints or savepoints of " + job + ".");
		}
		if (!confirm) {
			return refuse(model, "Confirm the restart: " + job + " stops, and its state goes back to the chosen point.");
		}
		String chosen = from;
		try {
			Restart restart = flink.restart(job, chosen);
			done(model, "Restarted " + job + " from " + from + (restart.checkpointed()
					? "; a checkpoint of the restored state was taken."
					: "; its restored state could not be checkpointed yet: until its next checkpoint, a crash resumes from a newer one."));
		}
		catch (IllegalArgumentException refused) {
			// refused before anything stopped (an outlived point, OutageGuard): the job runs on as it was
			failed(model, "Refused: " + sentence(refused.getMessage()) + " " + standing(job));
		}
		catch (RuntimeException ex) {
			log.warn("Restarting {} from {} failed: {}", job, from, ex.toString());
			if (runsFrom(job, chosen, null)) {
				done(model, "Restarted " + job + " from " + from + ": Flink reports it running from there, though the "
						+ "restart reported “" + ex.getMessage() + "”; until its next checkpoint, a crash may resume from a newer one.");
			}
			else {
				failed(model, "Failed: " + sentence(ex.getMessage()) + " " + standing(job));
			}
		}
		panel.refreshedInto(model, job);
		return RESULT;
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
			done(model, "Rescaled " + job + " to parallelism " + rescaled.parallelism() + " from "
					+ rescaled.restoredFrom().orElse("its savepoint") + ".");
		}
		catch (IllegalArgumentException ex) {
			return refused(model, HttpStatus.CONFLICT, ex.getMessage() + ": nothing was changed.");
		}
		catch (RuntimeException ex) {
			log.warn("Rescaling {} to {} failed: {}", job, wanted, ex.toString());
			if (runsFrom(job, null, wanted)) {
				done(model, "Rescaled " + job + " to parallelism " + wanted + ": Flink reports it running so, though the "
						+ "rescale reported “" + rootMessage(ex) + "”.");
			}
			else {
				// the message says where the job stands now (running on as before, or back from the savepoint)
				failed(model, "Failed: " + sentence(ex.getMessage()) + " " + standing(job));
			}
		}
		panel.refreshedInto(model, job);
		return new ModelAndView(RESULT, model.asMap());
	}

	private interface Action {

		String run() throws Exception;

	}

	private String act(Model model, String job, Action action) {
		try {
			done(model, action.run());
		}
		catch (Exception ex) {
			log.warn("Console action on {} failed: {}", job, ex.toString());
			failed(model, "Failed: " + rootMessage(ex));
		}
		panel.refreshedInto(model, job);
		return RESULT;
	}

	/** Whether Flink reports the job running, from {@code restorePoint} or with {@code parallelism} where given. */
	private boolean runsFrom(String job, @Nullable String restorePoint, @Nullable Integer parallelism) {
		Optional<FlinkRuntime.RunningJob> running = flink.job(job);
		return requests.currentStatus(job).filter(JobStatus.RUNNING::equals).isPresent() && running.isPresent()
				&& (restorePoint == null || running.get().restoredFrom().filter(restorePoint::equals).isPresent())
				&& (parallelism == null || running.get().parallelism() == parallelism);
	}

	/** Where the job stands now, as Flink answers. */
	private String standing(String job) {
		Optional<JobStatus> status = requests.currentStatus(job);
		if (status.isEmpty()) {
			return "Flink does not report " + job + " running.";
		}
		return "Flink reports " + job + " " + status.get() + flink.job(job)
			.flatMap(FlinkRuntime.RunningJob::restoredFrom)
			.map(from -> ", started from " + from)
			.orElse("") + ".";
	}

	private static String sentence(@Nullable String text) {
		String said = (text != null) ? text.strip() : "no reason given";
		return said.matches(".*[.!?]$") ? said : said + ".";
	}

	private static int parallelism(@Nullable String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void done(Model model, String message) {
		model.addAttribute("message", message);
		model.addAttribute("failed", false);
	}

	private static void failed(Model model, String message) {
		model.addAttribute("message", message);
		model.addAttribute("failed", true);
	}

	/** Refused before anything was asked of Flink: the answer alone, the history has not changed. */
	private static String refuse(Model model, String message) {
		failed(model, message);
		return CheckpointsController.VIEW + " :: result";
	}

	private static ModelAndView refused(Model model, HttpStatus status, String message) {
		failed(model, message);
		return new ModelAndView(CheckpointsController.VIEW + " :: result", model.asMap(), status);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private String known(String job) {
		return CheckpointsController.known(flink, job);
	}

}
