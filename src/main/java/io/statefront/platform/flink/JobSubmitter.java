package io.statefront.platform.flink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a named job's graph from its parts and submits it, unless the restore guard refuses a
 * first start (its command logs no longer begin at offset 0); records what it submitted.
 */
final class JobSubmitter {

	private static final Logger log = LoggerFactory.getLogger(JobSubmitter.class);

	private final JobGraphs jobGraphs;

	private final Map<String, List<FlinkJobPart>> partsByJob;

	private final RestoreGuard restoreGuard;

	private final Map<String, FlinkRuntime.RunningJob> submitted;

	JobSubmitter(JobGraphs jobGraphs, Map<String, List<FlinkJobPart>> partsByJob, RestoreGuard restoreGuard,
			Map<String, FlinkRuntime.RunningJob> submitted) {
		this.jobGraphs = jobGraphs;
		this.partsByJob = partsByJob;
		this.restoreGuard = restoreGuard;
		this.submitted = submitted;
	}

	void submit(FlinkCluster cluster, String name, Optional<String> restoreFrom, int parallelism) {
		JobGraphs.Built built = jobGraphs.build(name, partsByJob.get(name), parallelism, restoreFrom);
		restoreGuard.clear(name);
		if (restoreFrom.isEmpty() && restoreGuard.refuseFirstStart(name, built.commandTopics()).isPresent()) {
			return;
		}
		JobGraph jobGraph = built.graph();
		cluster.addClasses(jobGraph);
		try {
			cluster.client().submitJob(jobGraph).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot submit Flink job " + name, ex);
		}
		submitted.put(name, new FlinkRuntime.RunningJob(name, jobGraph.getJobID(), restoreFrom, parallelism));
		log.info("Submitted Flink job '{}' ({}) with parallelism {} to {}, {}", name, jobGraph.getJobID(), parallelism,
				cluster.address(), restoreFrom.map(path -> "resuming from " + path).orElse("starting without state"));
	}

}
