package io.statefront.platform.flink;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One checkpoint, savepoint or restore of one job, as the checkpoint history keeps it.
 *
 * @param job the job's name
 * @param run the Flink job id of the run that took (or restored) it; each restart is a new run
 * @param id the checkpoint's id within its run's numbering
 * @param status how it ended
 * @param savepoint whether it was a savepoint taken on request
 * @param triggeredAt when it was triggered (for a restore: when the job restored it), epoch ms
 * @param durationMs from trigger to the last acknowledgement
 * @param stateSize the bytes of state it holds (its full size)
 * @param checkpointedSize the bytes it wrote: for an incremental checkpoint only the files that were
 * new since the last one, otherwise its full size (0 in entries recorded before it was kept)
 * @param path its folder, for a completed one and a restore
 * @param failure why it failed, for a failed one
 * @param tasks what each task did for it, in the job's order
 */
public record CheckpointRecord(String job, String run, long id, Status status, boolean savepoint, long triggeredAt,
		long durationMs, long stateSize, long checkpointedSize, @Nullable String path, @Nullable String failure, List<TaskRecord> tasks) {

	public enum Status {

		COMPLETED, FAILED, RESTORED

	}

	/**
	 * What one task (a chain of operators) did for a checkpoint: its synchronous part (each
	 * operator's snapshot, in the task's thread: a sink flushes or pre-commits here), the
	 * asynchronous part (writing the state to the checkpoint folder), and when it acknowledged.
	 * Sinks commit what they pre-committed once the whole checkpoint has completed.
	 *
	 * @param name the task's name, its operators joined by arrows
	 * @param subtasks how many subtasks acknowledged
	 * @param acknowledgedAt the last acknowledgement, epoch ms
	 * @param syncMs the longest synchronous part among its subtasks
	 * @param asyncMs the longest asynchronous part
	 * @param alignmentMs the longest barrier alignment
	 * @param startDelayMs the longest wait for the barrier to arrive
	 * @param stateSize its state's bytes
	 */
	public record TaskRecord(String name, int subtasks, long acknowledgedAt, long syncMs, long asyncMs,
			long alignmentMs, long startDelayMs, long stateSize) {

		/** Whether the task commits a sink's transactions once the checkpoint has completed. */
		public boolean commits() {
			return name.contains("Committer");
		}

	}

}
