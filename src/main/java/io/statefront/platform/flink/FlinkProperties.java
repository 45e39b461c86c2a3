package io.statefront.platform.flink;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how the Flink jobs run.
 *
 * @param mode {@code embedded} (a MiniCluster in this process, the default) or {@code remote} (a
 * standalone Flink cluster reached over its REST API, see {@code remote})
 * @param remote the JobManager of the remote cluster
 * @param parallelism the parallelism each job starts with; 1 by default, which on a 2-core machine
 * shared with the broker and the web server gave lower latency and more throughput than 2
 * @param checkpointInterval how often each job checkpoints to the data directory
 * @param checkpointsRetained how many completed checkpoints each job keeps
 * @param checkpointMinPause the least time between the end of one checkpoint and the start of the
 * next: a checkpoint of big state that takes longer than the interval still leaves the job this
 * long to work before the next one begins
 * @param checkpointTimeout how long a checkpoint may take before it is given up (and counted failed)
 * @param tolerableFailedCheckpoints how many checkpoints in a row may fail (or time out) before the
 * job is restarted from its latest completed one: one slow or failed checkpoint never restarts a job
 * @param stateBackend where the jobs keep their state: {@code rocksdb} (the default: on local disk
 * beside a bounded cache, so state may outgrow memory, and checkpointed incrementally, each
 * checkpoint writing only the files that changed) or {@code hashmap} (on the heap, each checkpoint a
 * full copy). A job restores a savepoint (canonical format) in either; an incremental checkpoint
 * only in RocksDB
 * @param managedMemory the embedded task manager's managed memory, shared by its slots: RocksDB's
 * block cache and write buffers (off the heap); heap state needs none
 * @param bufferTimeout how long a network buffer may wait to fill; this bounds the latency each
 * hop adds (Flink's default of 100 ms would dominate every request's round trip). 0, the default,
 * sends each record on at once: at this shop's rates the lowest latency, and cheaper than a timeout
 * however short, which keeps a thread per task waking up that often, busy or idle
 * @param taskSlots slots of the embedded cluster's single task manager
 * @param appliedChangeLog whether the functions job writes every change of credit and stock, with
 * the message that made it, its time and the balance after it, to the {@code applied-changes} topic
 * (on by default): the users' and items' history in the console and the API, kept for
 * {@code statefront.retention.entity-history}, and the fault suite's record to check its histories
 * against. Switching it on keeps an existing data directory's checkpoints; switching it off does not
 * (a checkpoint taken with it cannot be restored without it)
 * @param rebuildFromTruncatedLog whether a job without a restore point may start when one of its
 * command topics no longer begins at offset 0, rebuilding its state from what the log still holds
 * and losing what the deleted records built. Off by default: such a start is refused with its
 * reason. An explicit, one-off rebuild; switch it off again once the job has checkpointed
 * @param election whether several instances share the (remote) cluster and elect the one that
 * manages the jobs
 */
@ConfigurationProperties("statefront.flink")
record FlinkProperties(@DefaultValue("embedded") Mode mode, @DefaultValue Remote remote,
		@DefaultValue("1") int parallelism, @DefaultValue("10s") Duration checkpointInterval,
		@DefaultValue("3") int checkpointsRetained, @DefaultValue("5s") Duration checkpointMinPause,
		@DefaultValue("2m") Duration checkpointTimeout, @DefaultValue("5") int tolerableFailedCheckpoints,
		@DefaultValue("rocksdb") StateBackend stateBackend, @DefaultValue("256MB") DataSize managedMemory,
		@DefaultValue("0ms") Duration bufferTimeout, @DefaultValue("8") int taskSlots,
		@DefaultValue("true") boolean appliedChangeLog, @DefaultValue("false") boolean rebuildFromTruncatedLog,
		@DefaultValue Election election) {

	FlinkProperties {
		if (election.enabled() && mode != Mode.REMOTE) {
			throw new IllegalArgumentException("statefront.flink.election.enabled needs statefront.flink.mode=remote: "
					+ "the instances share one Flink cluster");
		}
	}

	enum StateBackend {

		ROCKSDB, HASHMAP;

		/** The value of Flink's {@code state.backend.type}. */
		String flinkName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	enum Mode {

		EMBEDDED, REMOTE

	}

	/**
	 * @param host the JobManager's REST address
	 * @param port its REST port
	 */
	record Remote(@DefaultValue("localhost") String host, @DefaultValue("8081") int port) {
	}

	/**
	 * @param enabled whether this instance is one of several on one remote cluster: the one a Kafka
	 * consumer group elects manages the jobs, the others follow them
	 * @param sessionTimeout how long after the manager stops answering another is elected (a
	 * broker accepts 6 s to 5 min by default)
	 * @param instance this instance's name in the election's group (Kafka's client id); unset: its
	 * process id and host name
	 */
	record Election(@DefaultValue("false") boolean enabled, @DefaultValue("10s") Duration sessionTimeout,
			@org.jspecify.annotations.Nullable String instance) {

		String instanceName() {
			return (instance == null || instance.isBlank()) ? ProcessHandle.current().pid() + "@" + hostName() : instance;
		}

		private static String hostName() {
			try {
				return java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException ex) {
				return "localhost";
			}
		}

	}

}
