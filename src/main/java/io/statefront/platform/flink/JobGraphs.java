package io.statefront.platform.flink;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Builds the job graph of one named job from its parts, ready to submit. */
final class JobGraphs {

	private final FlinkProperties properties;

	private final SnapshotStorage storage;

	private final String kafkaBootstrapServers;

	JobGraphs(FlinkProperties properties, SnapshotStorage storage, String kafkaBootstrapServers) {
		this.properties = properties;
		this.storage = storage;
		this.kafkaBootstrapServers = kafkaBootstrapServers;
	}

	/** A job graph, and the command topics its sources read (see {@link FlinkKafka#commandSource}). */
	record Built(JobGraph graph, Set<String> commandTopics) {
	}

	Built build(String name, List<FlinkJobPart> parts, int parallelism, Optional<String> restoreFrom) {
		StreamExecutionEnvironment env = new StreamExecutionEnvironment(
				FlinkConfigurations.job(name, parallelism, properties, storage.checkpoints(name)));
		// a namespace of its own: a Spring listener sharing a job's group id would make the group
		// rebalance under Flink's offset commits (Flink assigns partitions, it does not join)
		FlinkKafka kafka = new FlinkKafka(kafkaBootstrapServers, "statefront-job-" + name,
				properties.appliedChangeLog(), properties.rebuildFromTruncatedLog());
		parts.forEach(part -> part.addTo(env, kafka));
		JobGraph jobGraph = env.getStreamGraph().getJobGraph();
		restoreFrom.ifPresent(path -> jobGraph
			.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(SnapshotFiles.path(path).toString(), false)));
		return new Built(jobGraph, Set.copyOf(kafka.commandTopics()));
	}

}
