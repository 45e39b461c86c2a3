package io.statefront.platform.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.RetentionProperties;
import io.statefront.platform.StatefrontProperties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.fs.Path;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Flink jobs' lifecycle: connects to the cluster ({@link FlinkProperties#mode()}: a MiniCluster
 * it starts in this process, or a remote one), submits one job per name the {@link FlinkJobPart}s
 * declare, each resuming from its newest restore point, and keeps an eye on their state for the
 * gateway and health.
 */
@Component
public class FlinkRuntime implements SmartLifecycle, DisposableBean {

	// generous: a busy 2-core machine has been seen to take half a minute to start the stack
	private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Map<String, List<FlinkJobPart>> partsByJob;

	private final FlinkProperties properties;

	private final SnapshotStorage storage;

	private final JobSubmitter submitter;

	private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();

	private volatile FlinkCluster cluster;

	private volatile JobStatusPoller statuses;

	private final JobRestarts restarts;

	private final RestoreGuard restoreGuard;

	private final JobsManagement management;

	private final ClusterStart clusterStart;

	private final OutageGuard outageGuard;

	FlinkRuntime(List<FlinkJobPart> parts, FlinkProperties properties, StatefrontProperties statefront,
			StorageProperties storage, RetentionProperties retention, KafkaConnectionDetails kafka, MeterRegistry meters) {
		this.partsByJob = parts.stream()
			.collect(Collectors.groupingBy(FlinkJobPart::job, LinkedHashMap::new, Collectors.toList()));
		this.properties = properties;
		SnapshotStorage snapshots = SnapshotStorage.of(storage, statefront);
		this.storage = snapshots;
		// first, so that the cluster starts while the broker does: the broker's address waits for it
		this.clusterStart = new ClusterStart(() -> {
			SnapshotStorage.initializeFileSystems(storage);
			snapshots.requireFileSystem();
			return FlinkCluster.connect(properties, statefront, meters, STARTUP_WAIT);
		});
		String bootstrapServers;
		try {
			bootstrapServers = String.join(",", kafka.getBootstrapServers());
		}
		catch (RuntimeException brokerDown) {
			clusterStart.abandon(); // this bean is not made: nothing else would close the cluster begun above
			throw brokerDown;
		}
		this.restoreGuard = new RestoreGuard(bootstrapServers, properties.rebuildFromTruncatedLog());
		this.outageGuard = new OutageGuard(retention.finishedOrders());
		this.restarts = new JobRestarts(this, outageGuard);
		this.submitter = new JobSubmitter(new JobGraphs(properties, this.storage, bootstrapServers), partsByJob,
				restoreGuard, jobs);
		this.management = new JobsManagement(jobs, partsByJob.keySet(), bootstrapServers,
				this::submitFromNewestRestorePoint);
	}

	/**
	 * A job this runtime submitted: its id in this run, the checkpoint or savepoint it resumed from
	 * (its {@link RestorePoint#path() location}), and how many subtasks each of its operators runs.
	 */
	public record RunningJob(String name, JobID id, Optional<String> restoredFrom, int parallelism) {
	}

	/** Starts before the web server and stops after it has drained: requests in flight still get answers. */
	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void start() {
		try {
			this.cluster = connect();
			FlinkCluster connected = this.cluster;
			this.statuses = new JobStatusPoller(connected.client(), management::watched, (job, status) -> {
				if (management.managing()) {
					restoreGuard.inspect(job, status, connected.client());
				}
			});
			if (properties.election().enabled()) {
				management.elect(connected, properties.election());
				return;
			}
			management.manageAlone();
			// the savepoint of a clean stop, or the latest checkpoint when a crash came after it
			partsByJob.keySet().forEach(this::submitFromNewestRestorePoint);
			statuses.awaitRunning(connected.client(), name -> stopReason(name).isPresent(), STARTUP_WAIT);
		}
		catch (Exception ex) {
			// leave no Flink threads behind to keep a failed application's JVM alive
			stop();
			throw new IllegalStateException("Cannot start the Flink jobs", ex);
		}
	}

	private void submitFromNewestRestorePoint(String name) {
		folders(name).tidy();
		Optional<RestorePoint> newest = restorePoints(name).stream().findFirst();
		Optional<String> outlived = newest.flatMap(point -> outageGuard.refusal(name, point, Instant.now()));
		if (outlived.isPresent()) {
			restoreGuard.refuse(name, outlived.get());
			return;
		}
		submit(name, newest.map(RestorePoint::path), properties.parallelism());
	}

	/** Whether this instance manages the jobs: always without an election, else while elected. */
	public boolean managesJobs() {
		return management.managing();
	}

	private FlinkCluster connect() throws Exception {
		FlinkCluster connected = clusterStart.take();
		this.cluster = connected;
		if (!connected.inProcess() && !properties.election().enabled()) {
			stops(connected.client()).stopLeftovers(partsByJob.keySet());
		}
		return connected;
	}

	private JobFolders folders(String job) {
		return JobFolders.of(storage, job);
	}

	/**
	 * Submits the named job; one without a restore point is not submitted when its command logs no
	 * longer start at offset 0 ({@link #stopReason(String)} then says so).
	 */
	void submit(String name, Optional<String> restoreFrom, int parallelism) {
		submitter.submit(this.cluster, name, restoreFrom, parallelism);
	}

	/** Whether the named job is running now; requests to a job that is not are refused. */
	public boolean isRunning(String job) {
		JobStatusPoller current = this.statuses;
		return current != null && current.status(job) == JobStatus.RUNNING;
	}

	/** Each job's state, null where it is not known (also while the runtime is stopped). */
	public Map<String, JobStatus> statuses() {
		JobStatusPoller current = this.statuses;
		Map<String, JobStatus> result = new LinkedHashMap<>();
		partsByJob.keySet().forEach(name -> result.put(name, (current != null) ? current.status(name) : null));
		return result;
	}

	/** Why the named job does not run, when the {@link RestoreGuard} refused or stopped it (rule 9). */
	public Optional<String> stopReason(String job) {
		return restoreGuard.reason(job);
	}

	public Optional<RunningJob> job(String name) {
		return Optional.ofNullable(jobs.get(name));
	}

	/** The names of the jobs, in the order they start. */
	public List<String> jobNames() {
		return List.copyOf(partsByJob.keySet());
	}

	/** Where the named job can be restarted from: its retained checkpoints and savepoints, newest first. */
	public List<RestorePoint> restorePoints(String job) {
		return folders(job).restorePoints();
	}

	/**
	 * Whether Flink's metrics reach the application's meters ({@code flink.*} in
	 * {@code /actuator/prometheus}): only those of the cluster in this process do.
	 */
	public boolean reportsMetrics() {
		FlinkCluster current = this.cluster;
		return (current != null) ? current.inProcess() : properties.mode() == FlinkProperties.Mode.EMBEDDED;
	}

	/** The REST address of the cluster the jobs run on, while connected. */
	public Optional<String> clusterAddress() {
		return Optional.ofNullable(this.cluster).map(FlinkCluster::address);
	}

	/** Starts the named job again from one of its {@link #restorePoints restore points} ({@link JobRestarts}). */
	public Restart restart(String job, String restorePoint) {
		management.requireManaging();
		return restarts.restart(job, restorePoint);
	}

	/** Runs the named job with {@code parallelism} subtasks per operator until the next stop ({@link JobRestarts}). */
	public RunningJob rescale(String job, int parallelism) {
		management.requireManaging();
		return restarts.rescale(job, parallelism);
	}

	/** How often each job checkpoints (and its Kafka sources commit their offsets). */
	public Duration checkpointInterval() {
		return properties.checkpointInterval();
	}

	/** The most subtasks a job can be rescaled to. */
	public int maxParallelism() {
		return FlinkConfigurations.MAX_PARALLELISM;
	}

	FlinkCluster cluster() {
		return cluster;
	}

	RunningJob running(String job) {
		return jobs.get(job);
	}

	Optional<String> latestCheckpoint(String job) {
		return folders(job).latestCheckpoint();
	}

	/** Where the named job's savepoints taken on request (and before a rescale) go. */
	Path savepoints(String job) {
		return folders(job).savepoints();
	}

	void refreshStatuses() {
		JobStatusPoller poller = this.statuses;
		if (poller != null) {
			poller.refresh();
		}
	}

	@Override
	public void stop() {
		// elected, the jobs run on for the instance elected next, which takes them over as they are
		management.leave();
		FlinkCluster current = this.cluster;
		this.cluster = null;
		JobStatusPoller poller = this.statuses;
		this.statuses = null;
		if (poller != null) {
			poller.stop();
		}
		if (current != null) {
			// one stopped for its command log has ended already, and has no state worth a savepoint; the
			// cluster closes fast once the others have stopped, where running jobs take it seconds
			if (management.managing()) {
				stops(current.client()).stopAll(jobs.values().stream().filter(job -> stopReason(job.name()).isEmpty()).toList());
			}
			current.close();
		}
		jobs.clear();
		management.stopped();
	}

	private JobStops stops(RestClusterClient<String> client) {
		return new JobStops(client, job -> folders(job).onStopSavepoints());
	}

	@Override
	public boolean isRunning() {
		return cluster != null;
	}

	/** The application is closing: a cluster connection begun but never started on is closed too. */
	@Override
	public void destroy() {
		clusterStart.abandon();
	}

}
