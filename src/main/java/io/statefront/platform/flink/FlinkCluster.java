package io.statefront.platform.flink;

import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobGraph;

/**
 * The Flink cluster the jobs run on, driven through its REST API whichever it is: the MiniCluster
 * this process starts (its REST endpoint listens on loopback), or a standalone cluster elsewhere.
 * So submitting, watching, checkpointing, restarting and stopping jobs, and reading what the
 * console shows of them, is one code path, and every test of the embedded mode runs it.
 */
interface FlinkCluster extends AutoCloseable {

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
