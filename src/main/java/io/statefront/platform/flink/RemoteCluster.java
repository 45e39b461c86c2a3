package io.statefront.platform.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink cluster reached through its JobManager's REST API. Each job is submitted with
 * the {@link UserJars}; its checkpoints and savepoints go to the application's data directory,
 * which the cluster must see at the same path.
 */
final class RemoteCluster implements FlinkCluster {

	private static final Logger log = LoggerFactory.getLogger(RemoteCluster.class);

	private final RestClusterClient<String> client;

	private final List<org.apache.flink.core.fs.Path> jars;

	private final String address;

	private RemoteCluster(RestClusterClient<String> client, List<org.apache.flink.core.fs.Path> jars, String address) {
		this.client = client;
		this.jars = jars;
		this.address = address;
	}

	/**
	 * Gathers the jobs' jars into {@code jarsDir} and waits, at most {@code limit}, until the
	 * cluster answers: it may be starting beside the application.
	 */
	static RemoteCluster connect(FlinkProperties.Remote remote, Path jarsDir, Duration limit) throws Exception {
		List<Path> jars = UserJars.collect(jarsDir);
		RestClusterClient<String> client = new RestClusterClient<>(
				FlinkConfigurations.client(remote.host(), remote.port()), "remote");
		try {
			ClusterOverviewWithVersion overview = overview(client, limit);
			log.info("Flink cluster at {}: version {}, {} task managers, {} of {} slots free; jobs ship with {}",
					client.getWebInterfaceURL(), overview.getVersion(), overview.getNumTaskManagersConnected(),
					overview.getNumSlotsAvailable(), overview.getNumSlotsTotal(),
					jars.stream().map(jar -> jar.getFileName().toString()).toList());
			if (!sameMinorVersion(overview.getVersion(), EnvironmentInformation.getVersion())) {
				log.warn("The Flink cluster runs version {}, the application was built with {}: job graphs and "
						+ "savepoints may not be understood", overview.getVersion(), EnvironmentInformation.getVersion());
			}
		}
		catch (Exception ex) {
			client.close();
			throw ex;
		}
		return new RemoteCluster(client, jars.stream().map(jar -> new org.apache.flink.core.fs.Path(jar.toUri())).toList(),
				client.getWebInterfaceURL());
	}

	private static ClusterOverviewWithVersion overview(RestClusterClient<String> client, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		boolean told = false;
		while (true) {
			try {
				return client.getClusterOverview().get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No Flink cluster answered at " + client.getWebInterfaceURL()
							+ " within " + limit, ex);
				}
				if (!told) {
					log.info("Waiting for the Flink cluster at {} to answer", client.getWebInterfaceURL());
					told = true;
				}
				Thread.sleep(500);
			}
		}
	}

	private static boolean sameMinorVersion(String cluster, String application) {
		return minor(cluster).equals(minor(application));
	}

	private static String minor(String version) {
		String[] parts = String.valueOf(version).split("\\.");
		return (parts.length >= 2) ? parts[0] + "." + parts[1] : String.valueOf(version);
	}

	@Override
	public RestClusterClient<String> client() {
		return client;
	}

	@Override
	public void addClasses(JobGraph jobGraph) {
		jars.forEach(jobGraph::addJar);
	}

	@Override
	public boolean inProcess() {
		return false;
	}

	@Override
	public String address() {
		return address;
	}

	/** Closes the client only: the cluster, and any job still on it, is not this process's to end. */
	@Override
	public void close() {
		client.close();
	}

}
