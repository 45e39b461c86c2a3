package io.statefront.platform.flink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.statefront.platform.flink.CheckpointHistory.CheckpointCounts;
import io.statefront.platform.flink.CheckpointRecord.Status;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.FailedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics.RestoredCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.TaskCheckpointStatisticsWithSubtaskDetails;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo.JobVertexDetailsInfo;

/**
 * Reads one run's checkpoint statistics from its cluster's REST API as history entries: the
 * counts and the list in one request, then, for each checkpoint not yet recorded, what each task
 * acknowledged and the longest synchronous, asynchronous, alignment and start-delay times among its
 * subtasks (a request per task).
 */
final class CheckpointReader {

	private CheckpointReader() {
	}

	/**
	 * What one look found.
	 *
	 * @param counts the run's counts (restores are counted from the history, not here)
	 * @param ended its restore and the checkpoints that have ended, not recorded before, oldest first
	 */
	record Reading(CheckpointCounts counts, List<CheckpointRecord> ended) {
	}

	interface Recorded {

		boolean contains(String run, long id, Status status);

	}

	/**
	 * The tasks of a run, in the job's order, sources first. A run's tasks never change, and asking
	 * its JobManager for the job's details makes it fetch every metric of every task manager (Flink's
	 * metric fetcher), so a caller asks once per run.
	 */
	interface Tasks {

		List<JobVertexDetailsInfo> of(JobID run) throws Exception;

		/** Asks the run's JobManager each time. */
		static Tasks askingEachTime(RestClusterClient<?> client) {
			return run -> List.copyOf(client.getJobDetails(run).get(5, TimeUnit.SECONDS).getJobVertexInfos());
		}

	}

	/** Per job, the tasks of its latest run, asked for once a run. */
	static final class LatestRunTasks {

		private record RunTasks(JobID run, List<JobVertexDetailsInfo> tasks) {
		}

		// the poller's thread and a refresh the console asks for both read and write it
		private final Map<String, RunTasks> byJob = new ConcurrentHashMap<>();

		Tasks of(String job, RestClusterClient<?> client) {
			return run -> {
				RunTasks known = byJob.get(job);
				if (known == null || !known.run().equals(run)) {
					known = new RunTasks(run, Tasks.askingEachTime(client).of(run));
					byJob.put(job, known);
				}
				return known.tasks();
			};
		}

	}

	/**
	 * @param restoredSize the size of the restored checkpoint at a path (Flink's statistics of a
	 * restore leave it out)
	 */
	static Reading read(String job, JobID run, RestClusterClient<?> client, Tasks tasksOf, Recorded recorded,
			ToLongFunction<String> restoredSize) throws Exception {
		CheckpointingStatistics statistics = JobQueries.checkpoints(client, run).get(5, TimeUnit.SECONDS);
		CheckpointingStatistics.Counts counts = statistics.getCounts();
		String runId = run.toString();
		List<CheckpointRecord> ended = new ArrayList<>();
		RestoredCheckpointStatistics restored = statistics.getLatestCheckpoints().getRestoredCheckpointStatistics();
		if (restored != null && !recorded.contains(runId, restored.getId(), Status.RESTORED)) {
			// a retained checkpoint is restored with a savepoint's properties: its folder tells which it is
			String path = restored.getExternalPath();
			boolean savepoint = path != null && path.contains("/savepoint-");
			ended.add(new CheckpointRecord(job, runId, restored.getId(), Status.RESTORED, savepoint,
					restored.getRestoreTimestamp(), 0, (path != null) ? restoredSize.applyAsLong(path) : 0, 0, path, null,
					List.of()));
		}
		List<CheckpointStatistics> oldestFirst = new ArrayList<>(statistics.getHistory());
		Collections.reverse(oldestFirst);
		List<JobVertexDetailsInfo> tasks = null;
		for (CheckpointStatistics checkpoint : oldestFirst) {
			Status status = switch (checkpoint.getStatus()) {
				case COMPLETED -> Status.COMPLETED;
				case FAILED -> Status.FAILED;
				default -> null;
			};
			if (status == null || recorded.contains(runId, checkpoint.getId(), status)) {
				continue;
			}
			if (tasks == null) {
				tasks = tasksOf.of(run);
			}
			ended.add(entry(job, run, client, tasks, checkpoint, status));
		}
		return new Reading(new CheckpointCounts(counts.getTotalNumberCheckpoints(), counts.getNumberInProgressCheckpoints(),
				counts.getNumberCompletedCheckpoints(), counts.getNumberFailedCheckpoints(), 0), ended);
	}

	private static CheckpointRecord entry(String job, JobID run, RestClusterClient<?> client,
			List<JobVertexDetailsInfo> tasks, CheckpointStatistics checkpoint, Status status) throws Exception {
		String path = (checkpoint instanceof CompletedCheckpointStatistics completed) ? completed.getExternalPath() : null;
		String failure = (checkpoint instanceof FailedCheckpointStatistics failed) ? failed.getFailureMessage() : null;
		Map<JobVertexID, TaskCheckpointStatistics> acknowledged = JobQueries.checkpoint(client, run, checkpoint.getId())
			.get(5, TimeUnit.SECONDS)
			.getCheckpointStatisticsPerTask();
		List<CheckpointRecord.TaskRecord> records = new ArrayList<>();
		for (JobVertexDetailsInfo task : tasks) {
			TaskCheckpointStatistics statistics = (acknowledged != null) ? acknowledged.get(task.getJobVertexID()) : null;
			if (statistics != null) {
				records.add(task(client, run, checkpoint.getId(), task, statistics));
			}
		}
		return new CheckpointRecord(job, run.toString(), checkpoint.getId(), status, checkpoint.isSavepoint(),
				checkpoint.getTriggerTimestamp(), checkpoint.getDuration(), checkpoint.getStateSize(),
				checkpoint.getCheckpointedSize(), path, failure,
				records);
	}

	private static CheckpointRecord.TaskRecord task(RestClusterClient<?> client, JobID run, long checkpoint,
			JobVertexDetailsInfo task, TaskCheckpointStatistics statistics) throws Exception {
		TaskCheckpointStatisticsWithSubtaskDetails.Summary subtasks = JobQueries
			.taskCheckpoint(client, run, checkpoint, task.getJobVertexID())
			.get(5, TimeUnit.SECONDS)
			.getSummary();
		return new CheckpointRecord.TaskRecord(task.getName(), statistics.getNumAckSubtasks(),
				statistics.getLatestAckTimestamp(), subtasks.getCheckpointDuration().getSynchronousDuration().getMaximum(),
				subtasks.getCheckpointDuration().getAsynchronousDuration().getMaximum(),
				subtasks.getCheckpointAlignment().getDuration().getMaximum(), subtasks.getCheckpointStartDelay().getMaximum(),
				statistics.getStateSize());
	}

}
