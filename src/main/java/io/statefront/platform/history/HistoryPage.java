package io.statefront.platform.history;

import java.util.List;

import io.statefront.platform.flink.AppliedChange;
import org.jspecify.annotations.Nullable;

/**
 * A page of an entity's history, newest first.
 *
 * @param changes the entity's changes, newest first, each once
 * @param scanned how many records of the log this page looked at
 * @param lookedBackTo the time (epoch ms) from which on every change of the entity is on this
 * page or a newer one: the page filled up at this change, or the log was read back to it; null
 * when nothing was read
 * @param next the cursor of the next, older page ({@code before}), or null when the log holds
 * nothing older: the history is complete back to the log's horizon
 */
public record HistoryPage(List<AppliedChange> changes, long scanned, @Nullable Long lookedBackTo, @Nullable Long next) {

	/** Whether nothing older than this page is left in the log. */
	public boolean complete() {
		return next == null;
	}

}
