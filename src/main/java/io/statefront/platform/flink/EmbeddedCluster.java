package io.statefront.platform.flink;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/** A MiniCluster in this process, with one task manager, driven through its loopback REST endpoint. */
final class EmbeddedCluster implements FlinkCluster {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

	private final MiniCluster miniCluster;

	private final RestClusterClient<String> client;

	private final URL classpathEntry;

	private final String address;

	private final String meterRegistryId;

	private EmbeddedCluster(MiniCluster miniCluster, RestClusterClient<String> client, URL classpathEntry,
			String address, String meterRegistryId) {
		this.meterRegistryId = meterRegistryId;
		this.miniCluster = miniCluster;
		this.client = client;
		this.classpathEntry = classpathEntry;
		this.address = address;
	}

	/**
	 * @param meters where Flink's metrics go, until the cluster closes
	 * @param classpathDir an empty folder: see {@link #addClasses(JobGraph)}
	 */
	static EmbeddedCluster start(FlinkProperties properties, MeterRegistry meters, Path classpathDir,
			Path rocksDbDir) throws Exception {
		String meterRegistryId = MicrometerReporter.register(meters);
		try {
			return start(properties, meterRegistryId, classpathDir, rocksDbDir);
		}
		catch (Exception ex) {
			MicrometerReporter.unregister(meterRegistryId);
			throw ex;
		}
	}

	private static EmbeddedCluster start(FlinkProperties properties, String meterRegistryId, Path classpathDir,
			Path rocksDbDir) throws Exception {
		// RocksDB's working copy of the state: rebuilt from the checkpoints at every start, so what a
		// killed run left there is of no use (and would otherwise stay for good)
		FileSystemUtils.deleteRecursively(rocksDbDir);
		Files.createDirectories(rocksDbDir);
		Configuration configuration = FlinkConfigurations.cluster(properties, meterRegistryId);
		configuration.setString("state.backend.rocksdb.localdir", rocksDbDir.toString());
		MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
			.setConfiguration(configuration)
			.setNumTaskManagers(1)
			.setNumSlotsPerTaskManager(properties.taskSlots())
			.build());
		cluster.start();
		try {
			URI rest = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
			URL classpathEntry = Files.createDirectories(classpathDir).toUri().toURL();
			return new EmbeddedCluster(cluster,
					new RestClusterClient<>(FlinkConfigurations.client(rest.getHost(), rest.getPort()), "embedded"),
					classpathEntry, rest.toString(), meterRegistryId);
		}
		catch (Exception ex) {
			cluster.closeAsync().get(30, TimeUnit.SECONDS);
			throw ex;
		}
	}

	@Override
	public RestClusterClient<String> client() {
		return client;
	}

	/**
	 * The application's classes are the cluster's: but a job without user jars loads its classes
	 * through the system class loader, which inside Spring Boot's nested jar sees only the launcher.
	 * Any classpath entry gives it a user class loader whose parent is the application's.
	 */
	@Override
	public void addClasses(JobGraph jobGraph) {
		jobGraph.setClasspaths(List.of(classpathEntry));
	}

	@Override
	public boolean inProcess() {
		return true;
	}

	@Override
	public String address() {
		return address;
	}

	@Override
	public void close() {
		client.close();
		try {
			miniCluster.closeAsync().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.warn("Closing the Flink MiniCluster failed: {}", ex.toString());
		}
		MicrometerReporter.unregister(meterRegistryId);
	}

}
