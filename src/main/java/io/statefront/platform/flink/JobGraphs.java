package io.statefront.platform.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.statefront.platform.StatefrontProperties;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Builds the job graph of one named job from its parts, ready to submit. */
final class JobGraphs {

	private final FlinkProperties properties;

	private final StatefrontProperties statefront;

	private final String kafkaBootstrapServers;

	JobGraphs(FlinkProperties properties, StatefrontProperties statefront, String kafkaBootstrapServers) {
		this.properties = properties;
		this.statefront = statefront;
		this.kafkaBootstrapServers = kafkaBootstrapServers;
	}

	JobGraph build(String name, List<FlinkJobPart> parts, Optional<Path> restoreFrom) {
		StreamExecutionEnvironment env = new StreamExecutionEnvironment(
				FlinkConfigurations.job(name, properties, statefront.checkpointsDir().resolve(name)));
		// a namespace of its own: a Spring listener sharing a job's group id would make the group
		// rebalance under Flink's offset commits (Flink assigns partitions, it does not join)
		FlinkKafka kafka = new FlinkKafka(kafkaBootstrapServers, "statefront-job-" + name);
		parts.forEach(part -> part.addTo(env, kafka));
		JobGraph jobGraph = env.getStreamGraph().getJobGraph();
		restoreFrom.ifPresent(path -> jobGraph
			.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(path.toUri().toString(), false)));
		// a job without user jars loads its classes through the system class loader, which inside
		// Spring Boot's nested jar sees only the launcher: any classpath entry gives it a user
		// class loader whose parent is the application's
		jobGraph.setClasspaths(List.of(emptyClasspathEntry()));
		return jobGraph;
	}

	private URL emptyClasspathEntry() {
		try {
			Path dir = Files.createDirectories(statefront.dataDir().resolve("flink-classpath"));
			return dir.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
