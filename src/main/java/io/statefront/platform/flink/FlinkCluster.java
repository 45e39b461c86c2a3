package io.statefront.platform.flink;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.StatefrontProperties;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobGraph;

/**
 * The Flink cluster the jobs run on, driven through its REST API whichever it is: the MiniCluster
 * this process starts (its REST endpoint listens on loopback), or a standalone cluster elsewhere.
 * So submitting, watching, checkpointing, restarting and stopping jobs, and reading what the
 * console shows of them, is one code path, and every test of the embedded mode runs it.
 */
interface FlinkCluster extends AutoCloseable {

	/**
	 * The cluster {@link FlinkProperties#mode()} names: a MiniCluster started now, or the remote one,
	 * once it answers (waiting at most {@code wait}).
	 */
	static FlinkCluster connect(FlinkProperties properties, StatefrontProperties statefront, MeterRegistry meters,
			Duration wait) throws Exception {
		if (properties.mode() == FlinkProperties.Mode.REMOTE) {
			return RemoteCluster.connect(properties.remote(), statefront.dataDir().resolve("flink-user-jars"), wait);
		}
		return EmbeddedCluster.start(properties, meters, statefront.dataDir().resolve("flink-classpath"),
				statefront.rocksDbDir());
	}

	/** The client of the cluster's REST API. */
	RestClusterClient<String> client();

	/** Makes the job's classes loadable where it will run. */
	void addClasses(JobGraph jobGraph);

	/** Whether the jobs run in this process, so that Flink's metrics reach the application's meters. */
	boolean inProcess();

	/** The cluster's REST address, for people and the log. */
	String address();

	@Override
	void close();

}
