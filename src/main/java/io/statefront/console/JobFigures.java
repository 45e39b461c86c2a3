package io.statefront.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.MicrometerReporter;
import org.apache.flink.api.common.JobStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Each job's state and figures as the overview shows them: uptime and parallelism from the
 * JobManager; restarts, throughput and back pressure from the same meters {@code /actuator/prometheus}
 * exposes, which only the embedded cluster reports to (a remote cluster's are in its own web UI).
 * A job's throughput is what its sources read and what its sinks wrote, each a second; rates are
 * the change since the previous look, at least a second before.
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

	private record Sample(long atNanos, double count, double rate) {
	}

	private final FlinkRuntime flink;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, Sample> samples = new HashMap<>();

	JobFigures(FlinkRuntime flink, MeterRegistry meters) {
		this.flink = flink;
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
			return flink.runningSince(job)
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
		String key = job + " " + meter;
		Sample previous = samples.get(key);
		if (previous == null || count < previous.count()) {
			samples.put(key, new Sample(now, count, 0));
			return 0;
		}
		double seconds = (now - previous.atNanos()) / 1e9;
		if (seconds < 1) {
			return previous.rate();
		}
		double rate = (count - previous.count()) / seconds;
		samples.put(key, new Sample(now, count, rate));
		return rate;
	}

}
