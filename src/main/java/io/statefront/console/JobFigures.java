package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.JobRequests;
import io.statefront.platform.flink.MicrometerReporter;
import org.apache.flink.api.common.JobStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Each job's state and figures as the overview shows them: uptime and parallelism from the
 * JobManager; restarts, throughput and back pressure from the same meters {@code /actuator/prometheus}
 * exposes, which only the embedded cluster reports to (a remote cluster's are in its own web UI).
 * A job's throughput is what its sources read and what its sinks wrote, each a second; rates are
 * the change over the looks of the last 30 seconds (one look a second at most).
 */
@Component
class JobFigures {

	/**
	 * @param parallelism the subtasks each operator runs, 0 when not known
	 * @param measured whether Flink's metrics reach this application: restarts, rates and back
	 * pressure are not known otherwise
	 * @param recordsInPerSecond records its sources read a second
	 * @param recordsOutPerSecond records its sinks wrote a second
	 * @param backPressure the busiest task's share of time spent back-pressured, 0…1
	 * @param stopReason why the job was refused a start or stopped, when it was (see
	 * {@link FlinkRuntime#stopReason(String)})
	 */
	public record JobRow(String name, String status, @Nullable Duration uptime, int parallelism, boolean measured,
			long restarts, double recordsInPerSecond, double recordsOutPerSecond, double backPressure,
			@Nullable String stopReason) {

		public boolean running() {
			return "RUNNING".equals(status);
		}

		public String uptimeText() {
			return (uptime != null) ? Formats.duration(uptime) : "—";
		}

	}

	private record Sample(long atNanos, double count) {
	}

	/**
	 * The span a rate is measured over: a sink that writes a window's results at once (the
	 * analytics job, every five seconds) would read 0 or a burst over a single refresh.
	 */
	private static final long SPAN_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final FlinkRuntime flink;

	private final JobRequests requests;

	private final MeterRegistry meters;

	private final Clock clock;

	// per job and meter, the looks of the last span and the newest one before it, oldest first
	private final Map<String, Deque<Sample>> samples = new HashMap<>();

	JobFigures(FlinkRuntime flink, JobRequests requests, MeterRegistry meters) {
		this.flink = flink;
		this.requests = requests;
		this.meters = meters;
		this.clock = Clock.systemUTC();
	}

	List<JobRow> rows() {
		List<JobRow> rows = new ArrayList<>();
		boolean measured = flink.reportsMetrics();
		flink.statuses().forEach((job, status) -> rows.add(new JobRow(job, (status != null) ? status.name()
				: flink.stopReason(job).isPresent() ? "NOT_STARTED" : "UNKNOWN",
				(status == JobStatus.RUNNING) ? uptime(job) : null,
				flink.job(job).map(FlinkRuntime.RunningJob::parallelism).orElse(0), measured, restarts(job),
				rate(job, MicrometerReporter.SOURCE_RECORDS), rate(job, MicrometerReporter.SINK_RECORDS), backPressure(job),
				flink.stopReason(job).orElse(null))));
		return rows;
	}

	/** The address of the cluster the jobs run on when Flink's metrics do not reach this application. */
	Optional<String> unmeasuredCluster() {
		return flink.reportsMetrics() ? Optional.empty() : flink.clusterAddress();
	}

	private @Nullable Duration uptime(String job) {
		try {
			return requests.runningSince(job)
				.get(2, TimeUnit.SECONDS)
				.map(since -> Duration.ofMillis(Math.max(0, clock.millis() - since.toEpochMilli())))
				.orElse(null);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private long restarts(String job) {
		Gauge restarts = meters.find("flink.job.restarts").tag("job", job).gauge();
		return (restarts != null && !Double.isNaN(restarts.value())) ? (long) restarts.value() : 0;
	}

	private double backPressure(String job) {
		return meters.find("flink.task.backpressured.time.per.second")
			.tag("job", job)
			.gauges()
			.stream()
			.mapToDouble(Gauge::value)
			.filter(value -> !Double.isNaN(value))
			.max()
			.orElse(0) / 1000;
	}

	private synchronized double rate(String job, String meter) {
		double count = meters.find(meter).tag("job", job).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
		long now = System.nanoTime();
		Deque<Sample> looks = samples.computeIfAbsent(job + " " + meter, key -> new ArrayDeque<>());
		if (!looks.isEmpty() && count < looks.peekLast().count()) {
			// the job restarted: its counters did too
			looks.clear();
		}
		if (looks.isEmpty() || now - looks.peekLast().atNanos() >= TimeUnit.SECONDS.toNanos(1)) {
			looks.addLast(new Sample(now, count));
		}
		while (looks.size() > 2 && now - secondOldest(looks).atNanos() >= SPAN_NANOS) {
			looks.removeFirst();
		}
		Sample oldest = looks.peekFirst();
		Sample newest = looks.peekLast();
		double seconds = (newest.atNanos() - oldest.atNanos()) / 1e9;
		return (seconds >= 1) ? (newest.count() - oldest.count()) / seconds : 0;
	}

	private static Sample secondOldest(Deque<Sample> looks) {
		Iterator<Sample> oldestFirst = looks.iterator();
		oldestFirst.next();
		return oldestFirst.next();
	}

}
