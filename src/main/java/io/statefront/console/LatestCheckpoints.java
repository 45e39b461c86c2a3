package io.statefront.console;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.statefront.platform.flink.CheckpointRecord;
import io.statefront.platform.flink.CheckpointRecord.Status;

/** The newest completed checkpoint, failure, savepoint and restore in a job's history. */
public record LatestCheckpoints(Optional<CheckpointView> completed, Optional<CheckpointView> failed,
		Optional<CheckpointView> savepoint, Optional<CheckpointView> restore) {

	/** @param newestFirst the job's history, newest first */
	static LatestCheckpoints of(List<CheckpointRecord> newestFirst) {
		return new LatestCheckpoints(first(newestFirst, record -> record.status() == Status.COMPLETED && !record.savepoint()),
				first(newestFirst, record -> record.status() == Status.FAILED),
				first(newestFirst, record -> record.status() == Status.COMPLETED && record.savepoint()),
				first(newestFirst, record -> record.status() == Status.RESTORED));
	}

	private static Optional<CheckpointView> first(List<CheckpointRecord> records, Predicate<CheckpointRecord> wanted) {
		return records.stream().filter(wanted).findFirst().map(CheckpointView::new);
	}

}
