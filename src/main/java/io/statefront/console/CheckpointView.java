package io.statefront.console;

import java.util.List;

import io.statefront.platform.flink.CheckpointRecord;

/** A history entry as the console writes it. */
public record CheckpointView(CheckpointRecord record) {

	public String kind() {
		if (record.status() == CheckpointRecord.Status.RESTORED) {
			return record.savepoint() ? "restore of a savepoint" : "restore";
		}
		return record.savepoint() ? "savepoint" : "checkpoint";
	}

	public String triggered() {
		return Formats.time(record.triggeredAt());
	}

	/**
	 * When it ended, epoch ms: a checkpoint or savepoint when it completed (or failed), a restore
	 * when the job restored it. The history and the restart menu both show this time.
	 */
	long endedAt() {
		return (record.status() == CheckpointRecord.Status.RESTORED) ? record.triggeredAt()
				: record.triggeredAt() + record.durationMs();
	}

	public String ended() {
		return Formats.time(endedAt());
	}

	public String duration() {
		return (record.status() == CheckpointRecord.Status.RESTORED) ? "—" : Formats.millis(record.durationMs());
	}

	public String size() {
		return Formats.bytes(record.stateSize());
	}

	/** What the checkpoint wrote: less than its full size when it was incremental. */
	public String written() {
		return (record.status() == CheckpointRecord.Status.COMPLETED && record.checkpointedSize() > 0)
				? Formats.bytes(record.checkpointedSize()) : "—";
	}

	public String path() {
		return (record.path() != null) ? record.path() : "";
	}

	public List<TaskView> tasks() {
		return record.tasks().stream().map(TaskView::new).toList();
	}

	public record TaskView(CheckpointRecord.TaskRecord task) {

		public String acknowledged() {
			return Formats.time(task.acknowledgedAt());
		}

		public String sync() {
			return Formats.millis(task.syncMs());
		}

		public String async() {
			return Formats.millis(task.asyncMs());
		}

		public String alignment() {
			return Formats.millis(task.alignmentMs());
		}

		public String startDelay() {
			return Formats.millis(task.startDelayMs());
		}

		public String size() {
			return Formats.bytes(task.stateSize());
		}

	}

}
