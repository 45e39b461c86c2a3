package io.statefront.platform.explorer;

import java.util.List;
import java.util.Optional;

/**
 * What one checkpoint or savepoint holds, from its metadata.
 *
 * @param checkpointId its number
 * @param format how its keyed state was written, which decides the state backend that reads it
 * @param operators its operators, by uid
 */
public record CheckpointLayout(long checkpointId, Format format, List<OperatorLayout> operators) {

	public enum Format {

		/** RocksDB's own files, shared between checkpoints: only RocksDB reads them. */
		INCREMENTAL,
		/** A savepoint's canonical format, which either backend reads. */
		CANONICAL,
		/** A full checkpoint, as the hashmap backend takes them: read by the hashmap backend. */
		FULL

	}

	public Optional<OperatorLayout> operator(String uid) {
		return operators.stream().filter(operator -> operator.uid().equals(uid)).findFirst();
	}

	public List<OperatorLayout> keyedOperators() {
		return operators.stream().filter(OperatorLayout::keyed).toList();
	}

}
