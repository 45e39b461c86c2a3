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
				Optional<Path> restoreFrom = checkpoints.latestComplete();
				checkpoints.deleteRunsOtherThan(restoreFrom);
				submit(name, restoreFrom);
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

	private void awaitRunning() throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
		while (!jobs.keySet().stream().allMatch(this::isRunning)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Flink jobs not running after " + STARTUP_WAIT + ": " + statuses);
			}
			statuses.refresh();
			Thread.sleep(50);
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
		try {
			// retained checkpoints outlive the cancellation: the next start resumes from them
			for (RunningJob job : jobs.values()) {
				cluster.cancelJob(job.id()).get(10, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			log.warn("Cancelling the Flink jobs failed: {}", ex.toString());
		}
		try {
			cluster.closeAsync().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.warn("Closing the Flink MiniCluster failed: {}", ex.toString());
		}
		MicrometerReporter.unregister(meterRegistryId);
		jobs.clear();
	}

	@Override
	public boolean isRunning() {
		return miniCluster != null;
	}

}
