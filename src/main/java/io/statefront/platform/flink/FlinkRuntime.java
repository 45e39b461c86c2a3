package io.statefront.platform.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.StatefrontProperties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public class FlinkRuntime implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FlinkRuntime.class);

	// generous: a busy 2-core machine has been seen to take half a minute to start the stack
	private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final int ON_STOP_SAVEPOINTS_KEPT = 3;

	/** How long a checkpoint taken on request may take before it is reported as still in progress. */
	public static final Duration CHECKPOINT_WAIT = Duration.ofMinutes(1);

	/** How long a savepoint taken on request may take before it is reported as still in progress. */
	public static final Duration SAVEPOINT_WAIT = Duration.ofMinutes(2);

	private final Map<String, List<FlinkJobPart>> partsByJob;

	private final FlinkProperties properties;

	private final StatefrontProperties statefront;

	private final JobGraphs jobGraphs;

	private final MeterRegistry meters;

	private volatile String meterRegistryId;

	private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();

	private volatile FlinkCluster cluster;

	private volatile JobStatusPoller statuses;

	private final JobRestarts restarts = new JobRestarts(this);

	private final RestoreGuard restoreGuard;

	FlinkRuntime(List<FlinkJobPart> parts, FlinkProperties properties, StatefrontProperties statefront,
			KafkaConnectionDetails kafka, MeterRegistry meters) {
		this.partsByJob = parts.stream()
			.collect(Collectors.groupingBy(FlinkJobPart::job, LinkedHashMap::new, Collectors.toList()));
		this.properties = properties;
		this.statefront = statefront;
		String bootstrapServers = String.join(",", kafka.getBootstrapServers());
		this.jobGraphs = new JobGraphs(properties, statefront, bootstrapServers);
		this.restoreGuard = new RestoreGuard(bootstrapServers, properties.rebuildFromTruncatedLog());
		this.meters = meters;
	}

	/**
	 * A job this runtime submitted: its id in this run, the checkpoint or savepoint it resumed from,
	 * and how many subtasks each of its operators runs.
	 */
	public record RunningJob(String name, JobID id, Optional<Path> restoredFrom, int parallelism) {
	}

	/**
	 * Starts before the web server and stops after it has drained: requests in flight at
	 * shutdown still get their answers.
	 */
	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void start() {
		try {
			this.cluster = connect();
			partsByJob.keySet().forEach(name -> {
				RetainedCheckpoints checkpoints = checkpoints(name);
				checkpoints.deleteRunsOtherThan(checkpoints.latestComplete());
				RetainedCheckpoints.keepNewestSavepoints(onStopSavepoints(name), ON_STOP_SAVEPOINTS_KEPT);
				// the savepoint of a clean stop, or the latest checkpoint when a crash came after it
				submit(name, restorePoints(name).stream().findFirst().map(RestorePoint::path), properties.parallelism());
			});
			FlinkCluster connected = this.cluster;
			this.statuses = new JobStatusPoller(connected.client(), jobs::values,
					(job, status) -> restoreGuard.inspect(job, status, connected.client()));
			awaitRunning();
		}
		catch (Exception ex) {
			// leave no Flink threads behind to keep a failed application's JVM alive
			stop();
			throw new IllegalStateException("Cannot start the Flink jobs", ex);
		}
	}

	private FlinkCluster connect() throws Exception {
		if (properties.mode() == FlinkProperties.Mode.REMOTE) {
			RemoteCluster remote = RemoteCluster.connect(properties.remote(),
					statefront.dataDir().resolve("flink-user-jars"), STARTUP_WAIT);
			this.cluster = remote;
			stopLeftoverJobs(remote.client());
			return remote;
		}
		this.meterRegistryId = MicrometerReporter.register(meters);
		return EmbeddedCluster.start(properties, meterRegistryId, statefront.dataDir().resolve("flink-classpath"),
				statefront.rocksDbDir());
	}

	/**
	 * Jobs of an earlier run of the application that still run on a remote cluster (it was killed,
	 * the cluster was not) are stopped with a savepoint, which this run resumes from: never two
	 * jobs of one name applying the same commands.
	 */
	private void stopLeftoverJobs(RestClusterClient<String> client) throws Exception {
		for (JobStatusMessage job : client.listJobs().get(30, TimeUnit.SECONDS)) {
			if (partsByJob.containsKey(job.getJobName()) && !job.getJobState().isGloballyTerminalState()) {
				log.warn("Flink job '{}' ({}) still runs on the cluster from an earlier run; stopping it",
						job.getJobName(), job.getJobId());
				stopWithSavepoint(client, new RunningJob(job.getJobName(), job.getJobId(), Optional.empty(), 0));
				ClusterWaits.awaitStatus(client, job.getJobId(), JobStatus::isGloballyTerminalState);
			}
		}
	}

	private RetainedCheckpoints checkpoints(String name) {
		return new RetainedCheckpoints(statefront.checkpointsDir().resolve(name));
	}

	/**
	 * Submits the named job; one without a restore point is not submitted when its command logs no
	 * longer start at offset 0 ({@link #stopReason(String)} then says so).
	 */
	void submit(String name, Optional<Path> restoreFrom, int parallelism) {
		FlinkCluster current = this.cluster;
		JobGraphs.Built built = jobGraphs.build(name, partsByJob.get(name), parallelism, restoreFrom);
		restoreGuard.clear(name);
		if (restoreFrom.isEmpty() && restoreGuard.refuseFirstStart(name, built.commandTopics()).isPresent()) {
			return;
		}
		JobGraph jobGraph = built.graph();
		current.addClasses(jobGraph);
		try {
			current.client().submitJob(jobGraph).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot submit Flink job " + name, ex);
		}
		jobs.put(name, new RunningJob(name, jobGraph.getJobID(), restoreFrom, parallelism));
		log.info("Submitted Flink job '{}' ({}) with parallelism {} to {}, {}", name, jobGraph.getJobID(), parallelism,
				current.address(), restoreFrom.map(path -> "resuming from " + path).orElse("starting without state"));
	}

	/** Until every job runs, or was stopped with a reason (it then waits for the operator). */
	private void awaitRunning() throws Exception {
		long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
		while (!jobs.keySet().stream().allMatch(name -> isRunning(name) || stopReason(name).isPresent())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Flink jobs not running after " + STARTUP_WAIT + ": " + statuses);
			}
			statuses.refresh();
			Thread.sleep(50);
		}
		// a job runs before its tasks do; started means every task runs (and a checkpoint can be taken)
		for (RunningJob job : jobs.values()) {
			ClusterWaits.awaitTasksRunning(cluster.client(), job.id(), STARTUP_WAIT,
					() -> stopReason(job.name()).isPresent());
		}
		log.info("Flink jobs: {}", statuses);
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

	/**
	 * Why the named job does not run, when it was refused a start or stopped because its command
	 * log no longer holds what it would resume from (architecture rule 9); cleared by its next submission.
	 */
	public Optional<String> stopReason(String job) {
		return restoreGuard.reason(job);
	}

	public Optional<RunningJob> job(String name) {
		return Optional.ofNullable(jobs.get(name));
	}

	/**
	 * Triggers a checkpoint of the named job now; completes with the checkpoint's path, or fails with
	 * what Flink says went wrong (see {@link Snapshots}), within {@link #CHECKPOINT_WAIT}.
	 */
	public CompletableFuture<String> triggerCheckpoint(String job) {
		return ask(job, (client, id) -> Snapshots.take(client, id, Snapshots.Kind.CHECKPOINT, CHECKPOINT_WAIT,
				() -> client.triggerCheckpoint(id, CheckpointType.DEFAULT)
					.thenCompose(checkpoint -> JobQueries.completedPath(client, id, checkpoint))));
	}

	/**
	 * Takes a savepoint of the named job, which keeps running; completes with the savepoint's path,
	 * or fails with what Flink says went wrong (see {@link Snapshots}), within {@link #SAVEPOINT_WAIT}.
	 */
	public CompletableFuture<String> triggerSavepoint(String job) {
		String target = savepoints(job).toUri().toString();
		return ask(job, (client, id) -> Snapshots.take(client, id, Snapshots.Kind.SAVEPOINT, SAVEPOINT_WAIT,
				() -> client.triggerSavepoint(id, target, SavepointFormatType.CANONICAL)));
	}

	/** The named job's state as Flink answers now, rather than as last polled; empty when it does not answer. */
	public Optional<JobStatus> currentStatus(String job) {
		try {
			return Optional.of(ask(job, (client, id) -> client.getJobStatus(id)).get(10, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

	/** The names of the jobs, in the order they start. */
	public List<String> jobNames() {
		return List.copyOf(partsByJob.keySet());
	}

	/** Where the named job can be restarted from: its retained checkpoints and savepoints, newest first. */
	public List<RestorePoint> restorePoints(String job) {
		return RestorePoint.list(checkpoints(job), savepoints(job));
	}

	/** Since when the named job runs, as its JobManager says; empty if it does not. */
	public CompletableFuture<Optional<Instant>> runningSince(String job) {
		return ask(job, (client, id) -> client.getJobDetails(id).thenApply(details -> {
			Long since = details.getTimestamps().get(JobStatus.RUNNING);
			return (details.getJobStatus() == JobStatus.RUNNING && since != null && since > 0)
					? Optional.of(Instant.ofEpochMilli(since)) : Optional.<Instant>empty();
		}));
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

	private <T> CompletableFuture<T> ask(String job,
			BiFunction<RestClusterClient<String>, JobID, CompletableFuture<T>> question) {
		FlinkCluster current = this.cluster;
		RunningJob running = jobs.get(job);
		if (current == null || running == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("The '" + job + "' job is not running"));
		}
		return question.apply(current.client(), running.id());
	}

	/**
	 * Cancels the named job (unless it has already failed) and starts it again from
	 * {@code restorePoint}, one of its {@link #restorePoints(String) restore points}: see
	 * {@link JobRestarts}.
	 */
	public Restart restart(String job, Path restorePoint) {
		return restarts.restart(job, restorePoint);
	}

	/**
	 * Stops the named job with a savepoint and starts it again from there with {@code parallelism}
	 * subtasks per operator (1 to {@value FlinkConfigurations#MAX_PARALLELISM}), its state
	 * redistributed over them: see {@link JobRestarts#rescale}. Lasts until the application stops;
	 * the next start uses {@code statefront.flink.parallelism} again.
	 */
	public RunningJob rescale(String job, int parallelism) {
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

	Optional<Path> latestCheckpoint(String job) {
		return checkpoints(job).latestComplete();
	}

	/** Where the named job's savepoints taken on request (and before a rescale) go. */
	Path savepoints(String job) {
		return statefront.savepointsDir().resolve(job);
	}

	void refreshStatuses() {
		JobStatusPoller poller = this.statuses;
		if (poller != null) {
			poller.refresh();
		}
	}

	@Override
	public void stop() {
		FlinkCluster current = this.cluster;
		this.cluster = null;
		JobStatusPoller poller = this.statuses;
		this.statuses = null;
		if (poller != null) {
			poller.stop();
		}
		if (current != null) {
			// one stopped for its command log has ended already, and has no state worth a savepoint;
			// the others stop side by side, so the stop takes as long as the slowest savepoint, not all of
			// them; the cluster closes fast once they have stopped, where running jobs take it seconds
			Map<RunningJob, CompletableFuture<String>> stopping = new LinkedHashMap<>();
			jobs.values().stream().filter(job -> stopReason(job.name()).isEmpty())
				.forEach(job -> stopping.put(job, requestStopWithSavepoint(current.client(), job)));
			stopping.forEach((job, savepoint) -> awaitStopped(current.client(), job, savepoint));
			current.close();
		}
		if (meterRegistryId != null) {
			MicrometerReporter.unregister(meterRegistryId);
			meterRegistryId = null;
		}
		jobs.clear();
	}

	/**
	 * Suspends the job with a savepoint, which the next start resumes from (windows are not fired
	 * early: event time goes on where it stopped); a job that cannot take one is cancelled, and the
	 * next start resumes from its latest checkpoint.
	 */
	private void stopWithSavepoint(RestClusterClient<String> client, RunningJob job) {
		awaitStopped(client, job, requestStopWithSavepoint(client, job));
	}

	private CompletableFuture<String> requestStopWithSavepoint(RestClusterClient<String> client, RunningJob job) {
		try {
			return client.stopWithSavepoint(job.id(), false, onStopSavepoints(job.name()).toUri().toString(),
					SavepointFormatType.CANONICAL);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void awaitStopped(RestClusterClient<String> client, RunningJob job, CompletableFuture<String> stopped) {
		try {
			String savepoint = stopped.get(60, TimeUnit.SECONDS);
			log.info("Stopped Flink job '{}' with savepoint {}", job.name(), savepoint);
		}
		catch (Exception ex) {
			log.warn("Flink job '{}' took no savepoint ({}); cancelling it: the next start resumes from its latest "
					+ "checkpoint", job.name(), ex.toString());
			try {
				client.cancel(job.id()).get(10, TimeUnit.SECONDS);
			}
			catch (Exception cancelFailed) {
				log.warn("Cancelling Flink job '{}' failed: {}", job.name(), cancelFailed.toString());
			}
		}
	}

	private Path onStopSavepoints(String job) {
		return savepoints(job).resolve(RestorePoint.ON_STOP);
	}

	@Override
	public boolean isRunning() {
		return cluster != null;
	}

}
