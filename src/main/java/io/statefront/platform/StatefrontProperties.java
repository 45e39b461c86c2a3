package io.statefront.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every feature shares.
 *
 * @param dataDir the one directory that holds the embedded broker's log and every job's
 * checkpoints; a restart on the same directory resumes where the last run stopped
 */
@ConfigurationProperties("statefront")
public record StatefrontProperties(@DefaultValue("./data") Path dataDir) {

	public Path kafkaLogDir() {
		return dataDir.resolve("kafka").toAbsolutePath().normalize();
	}

	/** Where an InfluxDB the application runs itself keeps its data, config and log. */
	public Path influxDir() {
		return dataDir.resolve("influxdb").toAbsolutePath().normalize();
	}

	public Path checkpointsDir() {
		return dataDir.resolve("checkpoints").toAbsolutePath().normalize();
	}

	/** Savepoints taken on request, one folder per job; they are kept until removed by hand. */
	public Path savepointsDir() {
		return dataDir.resolve("savepoints").toAbsolutePath().normalize();
	}

	/** The archive of finished orders, when it is the embedded database. */
	public Path archiveDir() {
		return dataDir.resolve("archive").toAbsolutePath().normalize();
	}

	/** RocksDB's working copy of the embedded jobs' state, rebuilt from the checkpoints at each start. */
	public Path rocksDbDir() {
		return dataDir.resolve("rocksdb").toAbsolutePath().normalize();
	}

	/** Every checkpoint each job took, completed or failed, across runs (the console's history). */
	public Path checkpointHistoryDir() {
		return dataDir.resolve("checkpoint-history").toAbsolutePath().normalize();
	}

}
