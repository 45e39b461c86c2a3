package io.statefront.platform.flink;

import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The in-process Flink cluster: starts a MiniCluster, submits one job per name the
 * {@link FlinkJobPart}s declare, each resuming from its latest completed checkpoint, and keeps an
 * eye on their state for the gateway and health.
 */
@Component
public class FlinkRuntime implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FlinkRuntime.class);

	// generous: a busy 2-core machine has been seen to take half a minute to start the stack
	private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Map<String, List<FlinkJobPart>> partsByJob;

	private final FlinkProperties properties;

	private final StatefrontProperties statefront;

	private final JobGraphs jobGraphs;

	private final MeterRegistry meters;

	private volatile String meterRegistryId;

	private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();

	private volatile MiniCluster miniCluster;

	private volatile JobStatusPoller statuses;

	private final JobRestarts restarts = new JobRestarts(this);

	private static final int ON_STOP_SAVEPOINTS_KEPT = 3;

	FlinkRuntime(List<FlinkJobPart> parts, FlinkProperties properties, StatefrontProperties statefront,
			KafkaConnectionDetails kafka, MeterRegistry meters) {
		this.partsByJob = parts.stream()
			.collect(Collectors.groupingBy(FlinkJobPart::job, LinkedHashMap::new, Collectors.toList()));
		this.properties = properties;
		this.statefront = statefront;
		this.jobGraphs = new JobGraphs(properties, statefront, String.join(",", kafka.getBootstrapServers()));
		this.meters = meters;
	}

	/** A job this runtime submitted: its id in this run and the checkpoint it resumed from. */
	public record RunningJob(String name, JobID id, Optional<Path> restoredFrom) {
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
			this.meterRegistryId = MicrometerReporter.register(meters);
			MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
				.setConfiguration(FlinkConfigurations.cluster(properties, meterRegistryId))
				.setNumTaskManagers(1)
				.setNumSlotsPerTaskManager(properties.taskSlots())
				.build());
			this.miniCluster = cluster;
			cluster.start();
			partsByJob.keySet().forEach(name -> {
				RetainedCheckpoints checkpoints = checkpoints(name);
				checkpoints.deleteRunsOtherThan(checkpoints.latestComplete());
				RetainedCheckpoints.keepNewestSavepoints(onStopSavepoints(name), ON_STOP_SAVEPOINTS_KEPT);
				// the savepoint of a clean stop, or the latest checkpoint when a crash came after it
				submit(name, restorePoints(name).stream().findFirst().map(RestorePoint::path));
			});
			this.statuses = new JobStatusPoller(cluster, jobs::values);
			awaitRunning();
		}
		catch (Exception ex) {
			// leave no Flink threads behind to keep a failed application's JVM alive
			stop();
			throw new IllegalStateException("Cannot start the Flink jobs", ex);
		}
	}

	private RetainedCheckpoints checkpoints(String name) {
		return new RetainedCheckpoints(statefront.checkpointsDir().resolve(name));
	}

	void submit(String name, Optional<Path> restoreFrom) {
		JobGraph jobGraph = jobGraphs.build(name, partsByJob.get(name), restoreFrom);
		try {
			miniCluster.submitJob(jobGraph).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot submit Flink job " + name, ex);
		}
		jobs.put(name, new RunningJob(name, jobGraph.getJobID(), restoreFrom));
		log.info("Submitted Flink job '{}' ({}), {}", name, jobGraph.getJobID(),
				restoreFrom.map(path -> "resuming from " + path).orElse("starting without state"));
	}

	private void awaitRunning() throws Exception {
		long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
		while (!jobs.keySet().stream().allMatch(this::isRunning)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Flink jobs not running after " + STARTUP_WAIT + ": " + statuses);
			}
			statuses.refresh();
			Thread.sleep(50);
		}
		// a job runs before its tasks do; started means every task runs (and a checkpoint can be taken)
		for (RunningJob job : jobs.values()) {
			ClusterWaits.awaitTasksRunning(miniCluster, job.id());
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

	public Optional<RunningJob> job(String name) {
		return Optional.ofNullable(jobs.get(name));
	}

	/** Triggers a checkpoint of the named job now; completes with the checkpoint's path. */
	public CompletableFuture<String> triggerCheckpoint(String job) {
		return ask(job, MiniCluster::triggerCheckpoint);
	}

	/** Takes a savepoint of the named job, which keeps running; completes with the savepoint's path. */
	public CompletableFuture<String> triggerSavepoint(String job) {
		String target = statefront.savepointsDir().resolve(job).toUri().toString();
		return ask(job, (cluster, id) -> cluster.triggerSavepoint(id, target, false, SavepointFormatType.CANONICAL));
	}

	/** The names of the jobs, in the order they start. */
	public List<String> jobNames() {
		return List.copyOf(partsByJob.keySet());
	}

	/** Where the named job can be restarted from: its retained checkpoints and savepoints, newest first. */
	public List<RestorePoint> restorePoints(String job) {
		return RestorePoint.list(checkpoints(job), statefront.savepointsDir().resolve(job));
	}

	/** What the named job's JobManager knows of it now: vertices, checkpoint statistics, timestamps. */
	public CompletableFuture<AccessExecutionGraph> executionGraph(String job) {
		return ask(job, (cluster, id) -> cluster.getExecutionGraph(id).thenApply(AccessExecutionGraph.class::cast));
	}

	private <T> CompletableFuture<T> ask(String job, BiFunction<MiniCluster, JobID, CompletableFuture<T>> question) {
		MiniCluster cluster = this.miniCluster;
		RunningJob running = jobs.get(job);
		if (cluster == null || running == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("The '" + job + "' job is not running"));
		}
		return question.apply(cluster, running.id());
	}

	/**
	 * Cancels the named job (unless it has already failed) and starts it again from
	 * {@code restorePoint}, one of its {@link #restorePoints(String) restore points}: see
	 * {@link JobRestarts}.
	 */
	public Restart restart(String job, Path restorePoint) {
		return restarts.restart(job, restorePoint);
	}

	MiniCluster cluster() {
		return miniCluster;
	}

	RunningJob running(String job) {
		return jobs.get(job);
	}

	Optional<Path> latestCheckpoint(String job) {
		return checkpoints(job).latestComplete();
	}

	void refreshStatuses() {
		JobStatusPoller poller = this.statuses;
		if (poller != null) {
			poller.refresh();
		}
	}

	@Override
	public void stop() {
		MiniCluster cluster = this.miniCluster;
		this.miniCluster = null;
		JobStatusPoller poller = this.statuses;
		this.statuses = null;
		if (poller != null) {
			poller.stop();
		}
		if (cluster == null) {
			return;
		}
		jobs.values().forEach(job -> stopWithSavepoint(cluster, job));
		try {
			cluster.closeAsync().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.warn("Closing the Flink MiniCluster failed: {}", ex.toString());
		}
		MicrometerReporter.unregister(meterRegistryId);
		jobs.clear();
	}

	/**
	 * Suspends the job with a savepoint, which the next start resumes from (windows are not fired
	 * early: event time goes on where it stopped); a job that cannot take one is cancelled, and the
	 * next start resumes from its latest checkpoint.
	 */
	private void stopWithSavepoint(MiniCluster cluster, RunningJob job) {
		try {
			String savepoint = cluster.stopWithSavepoint(job.id(), onStopSavepoints(job.name()).toUri().toString(), false,
					SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
			log.info("Stopped Flink job '{}' with savepoint {}", job.name(), savepoint);
		}
		catch (Exception ex) {
			log.warn("Flink job '{}' took no savepoint ({}); cancelling it: the next start resumes from its latest "
					+ "checkpoint", job.name(), ex.toString());
			try {
				cluster.cancelJob(job.id()).get(10, TimeUnit.SECONDS);
			}
			catch (Exception cancelFailed) {
				log.warn("Cancelling Flink job '{}' failed: {}", job.name(), cancelFailed.toString());
			}
		}
	}

	private Path onStopSavepoints(String job) {
		return statefront.savepointsDir().resolve(job).resolve(RestorePoint.ON_STOP);
	}

	@Override
	public boolean isRunning() {
		return miniCluster != null;
	}

}
