package io.statefront.console;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.console.PipelineAnswers.NoAnswer;
import io.statefront.platform.explorer.CheckpointExplorer;
import io.statefront.platform.explorer.ExplorerRead;
import io.statefront.platform.explorer.RestorePreview;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.RestorePoint;
import io.statefront.platform.history.HistoryUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The checkpoint explorer's page: what one retained checkpoint or savepoint of a job holds, read in
 * the background ({@link CheckpointExplorer}) while the page polls its progress, and one key's state
 * there beside what the API answers for it now.
 */
@Controller
class CheckpointExplorerController {

	static final String VIEW = "console/explorer";

	private final FlinkRuntime flink;

	private final CheckpointExplorer explorer;

	private final LiveEntities live;

	private final RestorePreview restorePreview;

	private final ReplayedWrites replayedWrites;

	CheckpointExplorerController(FlinkRuntime flink, CheckpointExplorer explorer, LiveEntities live,
			RestorePreview restorePreview, ReplayedWrites replayedWrites) {
		this.flink = flink;
		this.explorer = explorer;
		this.live = live;
		this.restorePreview = restorePreview;
		this.replayedWrites = replayedWrites;
	}

	/**
	 * What a restart from the point would read again from Kafka, and the acknowledged writes it would
	 * apply again: asked of the broker when shown.
	 */
	@GetMapping("/console/checkpoints/{job}/explore/replay")
	String replay(@PathVariable String job, @RequestParam String point, Model model) throws InterruptedException {
		RestorePoint restorePoint = restorePoint(job, point);
		RestorePreview.Preview preview;
		try {
			preview = restorePreview.preview(restorePoint);
		}
		catch (IOException ex) {
			model.addAttribute("replayFailure", ex.getMessage());
			return VIEW + " :: replay";
		}
		model.addAttribute("replay", preview);
		try {
			model.addAttribute("writes", replayedWrites.after(preview.starts()));
		}
		catch (HistoryUnavailableException ex) {
			model.addAttribute("writesFailure", ex.getMessage());
		}
		return VIEW + " :: replay";
	}

	@GetMapping("/console/checkpoints/{job}/explore")
	String page(@PathVariable String job, @RequestParam String point, HtmxRequest htmx, Model model) {
		RestorePoint restorePoint = restorePoint(job, point);
		model.addAttribute("section", "checkpoints");
		model.addAttribute("title", "Explore " + restorePoint.name() + " of " + job);
		model.addAttribute("job", job);
		model.addAttribute("point", restorePoint);
		// as a string: a Path is an Iterable, which a link would take for several values
		model.addAttribute("pointPath", restorePoint.path().toString());
		model.addAttribute("completed", Formats.time(restorePoint.completedAt().toEpochMilli()));
		showLatest(model, restorePoint);
		return htmx.isHtmxRequest() ? VIEW + " :: read" : VIEW;
	}

	@PostMapping("/console/checkpoints/{job}/explore")
	String explore(@PathVariable String job, @RequestParam String point, HtmxRequest htmx, Model model) {
		RestorePoint restorePoint = restorePoint(job, point);
		start(() -> explorer.explore(job, restorePoint));
		return page(job, point, htmx, model);
	}

	@PostMapping("/console/checkpoints/{job}/explore/key")
	String lookUp(@PathVariable String job, @RequestParam String point, @RequestParam String uid,
			@RequestParam String key, HtmxRequest htmx, Model model) {
		RestorePoint restorePoint = restorePoint(job, point);
		String wanted = key.strip();
		if (wanted.isEmpty() || wanted.length() > 200) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give a key of 1 to 200 characters");
		}
		start(() -> explorer.lookUp(job, restorePoint, uid, wanted));
		return page(job, point, htmx, model);
	}

	private void start(Runnable read) {
		try {
			read.run();
		}
		catch (CheckpointExplorer.Busy ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	private void showLatest(Model model, RestorePoint point) {
		Optional<ExplorerRead> latest = explorer.latest().filter(read -> read.point().path().equals(point.path()));
		model.addAttribute("read", latest.map(ExplorerView::of).orElse(null));
		model.addAttribute("busyElsewhere", explorer.latest().filter(ExplorerRead::running).isPresent() && latest.isEmpty());
		latest.filter(read -> read.kind() == ExplorerRead.Kind.LOOKUP && read.status() == ExplorerRead.Status.DONE)
			.ifPresent(read -> compare(model, read));
	}

	/** The looked-up key beside its live state, where the API answers for its operator. */
	private void compare(Model model, ExplorerRead read) {
		Map<String, String> state = read.keyState().orElse(Map.of());
		if (read.uid() == null || read.key() == null || !LiveEntities.answersFor(read.uid())) {
			return;
		}
		try {
			Optional<Map<String, Object>> now = live.find(read.uid(), read.key());
			now.ifPresent(fields -> {
				List<KeyDiff.Row> rows = KeyDiff.rows(state, fields);
				model.addAttribute("diff", rows);
				model.addAttribute("liveOnly", KeyDiff.liveOnly(rows, fields));
			});
		}
		catch (NoAnswer ex) {
			model.addAttribute("liveFailure", ex.getMessage());
		}
	}

	private RestorePoint restorePoint(String job, String path) {
		CheckpointsController.known(flink, job);
		return explorer.restorePoint(job, path)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No retained checkpoint or savepoint " + path));
	}

}
