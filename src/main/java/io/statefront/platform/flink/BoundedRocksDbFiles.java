package io.statefront.platform.flink;

import java.util.Collection;

import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;

/**
 * RocksDB's own files, bounded: a job runs for months, and each keyed operator is a RocksDB
 * instance that otherwise keeps an info log of 4 × 25 MB (measured: 26 MB written every 3 to 4
 * minutes per operator at 20 orders/s, as each checkpoint flushes every column family) and a
 * MANIFEST that grows by a line per flush and compaction up to 1 GB before it is rolled. The
 * MANIFEST is also copied into every incremental checkpoint whole: unbounded, it made the
 * {@code functions} job's checkpoints grow by 300 KB a minute while its state stayed the same
 * (the soak benchmark, docs/benchmarks.md). Rolled at 256 KB, a new one starts with the few KB that
 * describe the current files.
 */
public final class BoundedRocksDbFiles implements RocksDBOptionsFactory {

	private static final long MANIFEST_BYTES = 256L << 10;

	private static final long LOG_BYTES = 1L << 20;

	@Override
	public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handlesToClose) {
		return current.setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
			.setMaxLogFileSize(LOG_BYTES)
			.setKeepLogFileNum(2)
			.setMaxManifestFileSize(MANIFEST_BYTES);
	}

	@Override
	public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions current, Collection<AutoCloseable> handlesToClose) {
		return current;
	}

}
