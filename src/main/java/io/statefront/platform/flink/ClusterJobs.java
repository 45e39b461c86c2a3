package io.statefront.platform.flink;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

/**
 * The jobs of this application another instance runs on the cluster, found by name: what an
 * instance that does not manage the jobs follows, and what one elected to manage them takes over.
 */
final class ClusterJobs {

	private final RestClusterClient<String> client;

	// a job's parallelism does not change under its id: asked once per id
	private final Map<org.apache.flink.api.common.JobID, Integer> parallelisms = new HashMap<>();

	ClusterJobs(RestClusterClient<String> client) {
		this.client = client;
	}

	/** The newest job of each of {@code names} that has not ended, as it runs now. */
	Map<String, FlinkRuntime.RunningJob> live(Set<String> names) throws Exception {
		Map<String, JobStatusMessage> newest = new HashMap<>();
		for (JobStatusMessage job : client.listJobs().get(10, TimeUnit.SECONDS)) {
			if (names.contains(job.getJobName()) && !job.getJobState().isGloballyTerminalState()) {
				newest.merge(job.getJobName(), job,
						(a, b) -> Comparator.comparingLong(JobStatusMessage::getStartTime).compare(a, b) >= 0 ? a : b);
			}
		}
		Map<String, FlinkRuntime.RunningJob> live = new HashMap<>();
		newest.forEach((name, job) -> live.put(name,
				new FlinkRuntime.RunningJob(name, job.getJobId(), Optional.empty(), parallelism(job))));
		return live;
	}

	private synchronized int parallelism(JobStatusMessage job) {
		Integer known = parallelisms.computeIfAbsent(job.getJobId(), id -> {
			try {
				JobDetailsInfo details = client.getJobDetails(id).get(10, TimeUnit.SECONDS);
				return details.getJobVertexInfos().stream().mapToInt(JobDetailsInfo.JobVertexDetailsInfo::getParallelism).max().orElse(0);
			}
			catch (Exception ex) {
				return null;
			}
		});
		return (known != null) ? known : 0;
	}

}
