package io.statefront.console;

import java.util.List;

import io.statefront.ledger.UserCommand;
import io.statefront.platform.explorer.ReplayStarts;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.history.ChangeView;
import io.statefront.platform.history.ChangesAfter;
import io.statefront.platform.history.HistoryUnavailableException;
import io.statefront.stock.ItemCommand;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The acknowledged writes a restart from a restore point applies again: the changes of users'
 * credit and items' stock in the applied-change log whose commands lie in the part of the command
 * log the restart reads again. Each is applied again from its command and answered as before
 * (architecture rule 3), so none of them is lost.
 */
@Component
class ReplayedWrites {

	/** A kind of entity the change log follows, and the command topic its changes come from. */
	private record EntityLog(String kind, String name, String commandTopic) {
	}

	private static final List<EntityLog> LOGS = List.of(new EntityLog("user", "Users' credit", UserCommand.TOPIC),
			new EntityLog("item", "Items' stock", ItemCommand.TOPIC));

	private final ChangesAfter changes;

	ReplayedWrites(ChangesAfter changes) {
		this.changes = changes;
	}

	/** As the page shows them. */
	record View(long total, List<Kind> kinds, List<Row> first, String scanned, boolean budgetSpent, boolean kept,
			boolean horizonPassed) {

		public boolean more() {
			return total > first.size();
		}

	}

	record Kind(String name, long changes) {
	}

	/** One change: the entity it changed beside the change as its history shows it. */
	record Row(String kind, String id, HistoryController.Row change) {
	}

	/**
	 * The writes a restart reading again from {@code starts} applies again; null when the job reads
	 * no entity's command topic.
	 *
	 * @throws HistoryUnavailableException when the change log cannot be read now
	 */
	@Nullable View after(ReplayStarts starts) {
		List<EntityLog> replayed = LOGS.stream().filter(log -> starts.reads(log.commandTopic())).toList();
		if (replayed.isEmpty()) {
			return null;
		}
		ChangesAfter.Found found = changes.read(change -> appliedAgain(starts, change),
				starts.earliest(replayed.stream().map(EntityLog::commandTopic).toList()));
		List<Kind> kinds = replayed.stream()
			.map(log -> new Kind(log.name(), found.byKind().getOrDefault(log.kind(), 0L)))
			.toList();
		List<Row> rows = found.first().stream().map(ReplayedWrites::row).toList();
		return new View(found.changes(), kinds, rows, Formats.number(found.scanned()), found.budgetSpent(),
				found.kept(), found.horizonPassed());
	}

	/** Whether the restart reads the change's command again; never for a kind the job does not read. */
	private static boolean appliedAgain(ReplayStarts starts, AppliedChange change) {
		String entity = change.entity();
		return LOGS.stream()
			.filter(log -> entity.startsWith(log.kind() + "/"))
			.findFirst()
			.map(log -> starts.readsAgain(log.commandTopic(), entity.substring(log.kind().length() + 1),
					change.messageId(), change.at()))
			.orElse(false);
	}

	private static Row row(AppliedChange change) {
		int slash = change.entity().indexOf('/');
		return new Row(change.entity().substring(0, Math.max(0, slash)), change.entity().substring(slash + 1),
				HistoryController.Row.of(ChangeView.of(change)));
	}

}
