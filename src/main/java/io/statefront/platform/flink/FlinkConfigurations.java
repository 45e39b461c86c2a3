package io.statefront.platform.flink;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;

/** The Flink settings of the in-process cluster, of the REST client and of each job, by their Flink 2.x keys. */
final class FlinkConfigurations {

	/**
	 * The key groups a job's keyed state is split into, and so the most subtasks it can be rescaled
	 * to. Fixed: state taken under one number cannot be restored under another. 128 is also what
	 * Flink chose by itself for any parallelism up to 85, so checkpoints of earlier runs restore.
	 */
	static final int MAX_PARALLELISM = 128;

	private FlinkConfigurations() {
	}

	static Configuration cluster(FlinkProperties properties, String meterRegistryId) {
		Map<String, String> settings = new HashMap<>();
		String reporter = "metrics.reporter." + MicrometerReporter.NAME + ".";
		settings.put(reporter + "factory.class", MicrometerReporter.Factory.class.getName());
		settings.put(reporter + MicrometerReporter.REGISTRY_PROPERTY, meterRegistryId);
		settings.put("taskmanager.numberOfTaskSlots", Integer.toString(properties.taskSlots()));
		// RocksDB's cache and write buffers, split evenly between the slots (heap state uses none)
		settings.put("taskmanager.memory.managed.size", properties.managedMemory().toMegabytes() + "m");
		// the network buffers are allocated whole, off the heap, when the cluster starts; the three
		// jobs at parallelism 1 hold about 80 of them. Records are a few hundred bytes and two of the
		// jobs send each one on at once (buffer timeout 0): the same 2,048 buffers at 8 KB instead
		// of 32 KB take 48 MB off the process and leave rescaling the room it had
		settings.put("taskmanager.memory.segment-size", "8kb");
		settings.put("taskmanager.memory.network.min", "16m");
		settings.put("taskmanager.memory.network.max", "16m");
		settings.put("state.backend.type", properties.stateBackend().flinkName());
		// the MiniCluster's REST API (which can cancel jobs) and its RPC and blob servers are for
		// this process only: loopback, free ports, so they neither face the network nor clash
		settings.put("rest.bind-address", "localhost");
		settings.put("rest.address", "localhost");
		settings.put("rest.port", "0");
		settings.put("jobmanager.bind-host", "localhost");
		settings.put("taskmanager.bind-host", "localhost");
		settings.put("taskmanager.host", "localhost");
		// the REST API caches what it reads of a job (3 s by default): the application is its only
		// client here, and waits on what it reads (a restarted job's tasks, a checkpoint just taken)
		settings.put("web.refresh-interval", "200 ms");
		settings.put("rest.cache.checkpoint-statistics.timeout", "200 ms");
		return Configuration.fromMap(settings);
	}

	/** The REST client of a cluster's JobManager. */
	static Configuration client(String host, int port) {
		Map<String, String> settings = new HashMap<>();
		settings.put("rest.address", host);
		settings.put("rest.port", Integer.toString(port));
		// a JobManager that does not answer fails a request within seconds (the job is then shown as
		// unknown and its requests refused) instead of after Flink's 20 retries 3 s apart
		settings.put("rest.retry.max-attempts", "2");
		settings.put("rest.retry.delay", "500 ms");
		return Configuration.fromMap(settings);
	}

	static Configuration job(String name, int parallelism, FlinkProperties properties, Path checkpointDir) {
		Map<String, String> settings = new HashMap<>();
		settings.put("pipeline.name", name);
		settings.put("parallelism.default", Integer.toString(parallelism));
		settings.put("pipeline.max-parallelism", Integer.toString(MAX_PARALLELISM));
		// restored state is matched to operators by uid: one Flink derived from the topology's shape
		// would change with any edit of the job, so building a job with an operator without a uid fails
		settings.put("pipeline.auto-generate-uids", "false");
		// messages and state are records Flink serialises itself: a type that would fall back to
		// Kryo (slow, no schema evolution, JVM flags on Java 17) fails the job's start instead
		settings.put("pipeline.generic-types", "false");
		settings.put("execution.buffer-timeout.interval", properties.bufferTimeout().toMillis() + " ms");
		// event-time windows close when a watermark passes their end: emitting watermarks every
		// 50 ms instead of 200 takes up to 150 ms off the time from a window's end to its result
		settings.put("pipeline.auto-watermark-interval", "50 ms");
		settings.put("state.backend.type", properties.stateBackend().flinkName());
		// RocksDB uploads only the files created since the last checkpoint (the rest are shared,
		// counted by reference and deleted when no retained checkpoint needs them); heap state
		// ignores it. A restore does not claim the point it starts from (Flink's default): the first
		// checkpoint after it is full, so a run's checkpoints only ever refer to its own folder
		settings.put("execution.checkpointing.incremental", "true");
		settings.put("state.backend.rocksdb.options-factory", BoundedRocksDbFiles.class.getName());
		// the horizons' timers on the heap (a few per live entity), not a RocksDB write each: registered
		// with almost every message, they would double what a message costs; checkpointed all the same
		settings.put("state.backend.rocksdb.timer-service.factory", "HEAP");
		settings.put("state.backend.rocksdb.log.level", "WARN_LEVEL");
		settings.put("state.backend.rocksdb.log.max-file-size", "1mb");
		settings.put("state.backend.rocksdb.log.file-num", "2");
		settings.put("execution.checkpointing.interval", properties.checkpointInterval().toMillis() + " ms");
		settings.put("execution.checkpointing.min-pause", properties.checkpointMinPause().toMillis() + " ms");
		settings.put("execution.checkpointing.timeout", properties.checkpointTimeout().toMillis() + " ms");
		settings.put("execution.checkpointing.tolerable-failed-checkpoints",
				Integer.toString(properties.tolerableFailedCheckpoints()));
		settings.put("execution.checkpointing.storage", "filesystem");
		settings.put("execution.checkpointing.dir", checkpointDir.toString());
		settings.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
		settings.put("execution.checkpointing.num-retained", Integer.toString(properties.checkpointsRetained()));
		return Configuration.fromMap(settings);
	}

}
