package io.statefront.platform.flink;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A second instance's view of the jobs, on the real cluster the application's runtime manages: while
 * another member holds the election it follows the jobs by name (the same ids, the same parallelism)
 * and refuses to restart them; elected, it takes them over as they run, submitting none of them
 * again, and on leaving it stops none of them.
 */
class JobsManagementIntegrationTest extends IntegrationTest {

	@Autowired
	FlinkRuntime flink;

	@Autowired
	JobRequests requests;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Test
	void aFollowerSeesTheManagersJobsAndTakesThemOverAsTheyRunOnceElected() {
		List<String> running = flink.jobNames().stream().filter(flink::isRunning).toList();
		assertThat(running).as("jobs of the shared application").isNotEmpty();
		JobsManagerElection holder = JobsManagerElection.join(bootstrapServers(), "holder", Duration.ofSeconds(6),
				new JobsManagerElection.Listener() {

					@Override
					public void elected() {
					}

					@Override
					public void deposed() {
					}

				});
		Map<String, FlinkRuntime.RunningJob> seen = new ConcurrentHashMap<>();
		List<String> submitted = new CopyOnWriteArrayList<>();
		JobsManagement follower = new JobsManagement(seen, new LinkedHashSet<>(flink.jobNames()), bootstrapServers(),
				submitted::add);
		try {
			await().atMost(Duration.ofSeconds(30)).until(holder::elected);
			follower.elect(flink.cluster(), new FlinkProperties.Election(true, Duration.ofSeconds(6), "follower"));

			follower.watched();
			for (String job : running) {
				FlinkRuntime.RunningJob managed = flink.job(job).orElseThrow();
				assertThat(seen.get(job).id()).as(job).isEqualTo(managed.id());
				assertThat(seen.get(job).parallelism()).as(job).isEqualTo(managed.parallelism());
			}
			assertThat(follower.managing()).isFalse();
			assertThatIllegalArgumentException().isThrownBy(follower::requireManaging)
				.withMessageContaining("Another instance manages the Flink jobs");

			holder.close();

			await().atMost(Duration.ofSeconds(30)).until(follower::managing);
			for (String job : running) {
				assertThat(seen.get(job).id()).as("%s taken over under its id", job).isEqualTo(flink.job(job).orElseThrow().id());
			}
			assertThat(submitted).as("submitted again: only what did not run")
				.containsExactlyInAnyOrderElementsOf(flink.jobNames().stream().filter(job -> !running.contains(job)).toList());
		}
		finally {
			holder.close();
			follower.leave();
		}
		assertThat(follower.managing()).isFalse();
		assertThat(running).allSatisfy(job -> assertThat(requests.currentStatus(job)).as("%s after the follower left", job)
			.hasValue(org.apache.flink.api.common.JobStatus.RUNNING));
	}

	private String bootstrapServers() {
		return String.valueOf(kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
			.replaceAll("[\\[\\] ]", "");
	}

}
