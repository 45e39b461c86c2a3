package io.statefront.console;

import java.util.List;

import io.statefront.platform.flink.CheckpointHistory;
import io.statefront.platform.flink.CheckpointRecord;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the checkpoints page's history panel shows of a job: its counts, the latest of each kind
 * and the newest entries. The page renders it, and so does every action's answer (swapped in out
 * of band), so that what the action reports and the counts beside it agree at once.
 */
@Component
class CheckpointHistoryPanel {

	private static final int SHOWN = 100;

	private final CheckpointHistory history;

	CheckpointHistoryPanel(CheckpointHistory history) {
		this.history = history;
	}

	void addTo(Model model, String job, boolean all) {
		List<CheckpointRecord> records = history.history(job);
		model.addAttribute("job", job);
		model.addAttribute("all", all);
		model.addAttribute("counts", history.counts(job));
		model.addAttribute("latest", LatestCheckpoints.of(records));
		model.addAttribute("records", records.stream().limit(all ? records.size() : SHOWN).map(CheckpointView::new).toList());
		model.addAttribute("recordCount", records.size());
	}

	/** After an action: Flink's statistics read now, rather than at the poller's next look. */
	void refreshedInto(Model model, String job) {
		history.refresh();
		addTo(model, job, false);
		model.addAttribute("outOfBand", true);
	}

}
