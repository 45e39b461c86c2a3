package io.statefront.platform.flink;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance manages the Flink jobs (submits, restarts, rescales and stops them) or only
 * follows them. Alone ({@code statefront.flink.election.enabled=false}, the default) it manages
 * them from its start to its stop. With several instances on one cluster, the one that
 * {@link JobsManagerElection} elects manages them; the others find the jobs on the cluster by name,
 * so that their requests, health and console see the same jobs.
 */
final class JobsManagement {

	private static final Logger log = LoggerFactory.getLogger(JobsManagement.class);

	private static final Duration RETRY = Duration.ofSeconds(3);

	private final Map<String, FlinkRuntime.RunningJob> jobs;

	private final Set<String> names;

	private final String bootstrapServers;

	private final Consumer<String> submitFromNewestRestorePoint;

	private volatile boolean managing;

	private volatile JobsManagerElection election;

	private volatile ClusterJobs onCluster;

	JobsManagement(Map<String, FlinkRuntime.RunningJob> jobs, Set<String> names, String bootstrapServers,
			Consumer<String> submitFromNewestRestorePoint) {
		this.jobs = jobs;
		this.names = names;
		this.bootstrapServers = bootstrapServers;
		this.submitFromNewestRestorePoint = submitFromNewestRestorePoint;
	}

	/** The only instance: it manages the jobs at once. */
	void manageAlone() {
		managing = true;
	}

	/** Joins the election of the instance that manages the jobs on {@code cluster}. */
	void elect(FlinkCluster cluster, FlinkProperties.Election settings) {
		this.onCluster = new ClusterJobs(cluster.client());
		this.election = JobsManagerElection.join(bootstrapServers, settings.instanceName(), settings.sessionTimeout(),
				new JobsManagerElection.Listener() {

					@Override
					public void elected() {
						takeOver();
					}

					@Override
					public void deposed() {
						managing = false;
					}

				});
	}

	boolean managing() {
		return managing;
	}

	void requireManaging() {
		if (!managing) {
			throw new IllegalArgumentException("Another instance manages the Flink jobs; restart and rescale them there");
		}
	}

	/**
	 * Elected: each job another instance left running goes on as it runs (never two of one name), and
	 * one that does not run is submitted from its newest restore point. Tried again every few seconds
	 * while the cluster does not answer, as long as this instance stays elected.
	 */
	private void takeOver() {
		while (true) {
			JobsManagerElection current = this.election;
			ClusterJobs cluster = this.onCluster;
			if (current == null || cluster == null || !current.elected()) {
				return;
			}
			try {
				Map<String, FlinkRuntime.RunningJob> live = cluster.live(names);
				jobs.keySet().retainAll(live.keySet());
				jobs.putAll(live);
				managing = true;
				log.info("Took over the Flink jobs running on the cluster: {}", live.keySet());
				for (String name : names) {
					// two instances started together: the first is elected alone, then deposed when the second joins,
					// while it takes over; a deposed one must submit nothing more, or both would run the jobs
					if (!current.elected()) {
						log.info("No longer elected while taking the Flink jobs over; leaving them to the new manager");
						return;
					}
					// asked again just before: one the deposed manager submitted meanwhile is taken over, not doubled
					Map<String, FlinkRuntime.RunningJob> now = cluster.live(Set.of(name));
					jobs.putAll(now);
					if (!now.containsKey(name)) {
						submitFromNewestRestorePoint.accept(name);
					}
				}
				return;
			}
			catch (Exception ex) {
				log.warn("Elected to manage the Flink jobs, but could not take them over ({}); trying again in {} s",
						ex.toString(), RETRY.toSeconds());
				try {
					Thread.sleep(RETRY.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** The jobs to poll: those this instance manages, or those it finds on the cluster when another does. */
	Collection<FlinkRuntime.RunningJob> watched() {
		ClusterJobs cluster = this.onCluster;
		if (!managing && cluster != null) {
			try {
				Map<String, FlinkRuntime.RunningJob> live = cluster.live(names);
				jobs.keySet().retainAll(live.keySet());
				jobs.putAll(live);
			}
			catch (Exception ex) {
				jobs.clear();
			}
		}
		return jobs.values();
	}

	/**
	 * Leaves the election, if any, and manages nothing any more; the jobs run on for the instance
	 * elected next. Alone, it goes on managing them, so that its stop stops them.
	 */
	void leave() {
		JobsManagerElection current = this.election;
		this.election = null;
		if (current != null) {
			current.close();
			managing = false;
			onCluster = null;
		}
	}

	/** Stopped: it manages nothing. */
	void stopped() {
		managing = false;
	}

}
