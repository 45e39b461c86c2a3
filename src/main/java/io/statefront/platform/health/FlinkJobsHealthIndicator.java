package io.statefront.platform.health;

import java.util.Map;
import java.util.stream.Collectors;

import io.statefront.platform.flink.FlinkRuntime;
import org.apache.flink.api.common.JobStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Up when every Flink job is running; each job's state in the details, and in {@code reason} why
 * a job was refused a start or stopped (its command log no longer holds what it would resume from),
 * and in {@code managesJobs} whether this instance manages the jobs.
 */
@Component("flink")
class FlinkJobsHealthIndicator implements HealthIndicator {

	private final FlinkRuntime flink;

	FlinkJobsHealthIndicator(FlinkRuntime flink) {
		this.flink = flink;
	}

	@Override
	public Health health() {
		Map<String, JobStatus> statuses = flink.statuses();
		Health.Builder health = statuses.values().stream().allMatch(JobStatus.RUNNING::equals) ? Health.up()
				: Health.down();
		statuses.forEach((job, status) -> health.withDetail(job, (status != null) ? status.name()
				: flink.stopReason(job).isPresent() ? "NOT_STARTED" : "UNKNOWN"));
		// several instances on one cluster: whether this one is the elected one
		health.withDetail("managesJobs", flink.managesJobs());
		String reasons = statuses.keySet()
			.stream()
			.flatMap(job -> flink.stopReason(job).stream())
			.collect(Collectors.joining("; "));
		if (!reasons.isEmpty()) {
			health.withDetail("reason", reasons);
		}
		return health.build();
	}

}
