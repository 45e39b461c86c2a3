package io.statefront.platform.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.statefront.support.AppProcess;
import io.statefront.support.IntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The election of the instance that manages the Flink jobs, on the real broker: the first member
 * is elected at once and the next one waits; a manager that stops hands over at once; one killed
 * with {@code kill -9} (a JVM of its own) is replaced once its session has expired, and never two
 * are elected at a time.
 */
class JobsManagerElectionIntegrationTest extends IntegrationTest {

	private static final Duration SESSION = Duration.ofSeconds(6);

	@Autowired
	KafkaAdmin kafkaAdmin;

	private final List<JobsManagerElection> members = new CopyOnWriteArrayList<>();

	private Process crashing;

	@AfterEach
	void leave() throws Exception {
		members.forEach(JobsManagerElection::close);
		if (crashing != null) {
			crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void theOnlyInstanceManagesTheJobsWithoutAnElection(@Autowired FlinkRuntime flink) {
		assertThat(flink.managesJobs()).isTrue();
		assertThat(api().get("/actuator/health").json().path("components").path("flink").path("details")
			.path("managesJobs").asBoolean()).isTrue();
	}

	@Test
	void theFirstIsElectedTheNextWaitsAndTakesOverWhenTheManagerStops() {
		Member first = join("first");
		await().atMost(Duration.ofSeconds(30)).until(() -> first.events.contains("elected"));
		Member second = join("second");
		await().atMost(Duration.ofSeconds(30)).until(() -> groupSize() == 2);

		assertThat(second.isElected()).as("one manager at a time").isFalse();
		assertThat(second.events).isEmpty();
		assertThat(first.isElected()).isTrue();

		first.election.close();

		await().atMost(Duration.ofSeconds(30)).until(() -> second.events.contains("elected"));
		assertThat(first.events).containsExactly("elected", "deposed");
		assertThat(second.events).containsExactly("elected");
	}

	@Test
	void aManagerKilledWithMinusNineIsReplacedOnceItsSessionExpires() throws Exception {
		Path output = Files.createTempFile("election-member-", ".log");
		crashing = new ProcessBuilder(AppProcess.javaExecutable(), "-cp", System.getProperty("java.class.path"),
				ElectionMember.class.getName(), bootstrapServers(), Long.toString(SESSION.toMillis()))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> !crashing.isAlive() || Files.readAllLines(output).contains("elected"));
		assertThat(crashing.isAlive()).as("the other JVM was elected: " + Files.readString(output)).isTrue();

		Member survivor = join("survivor");
		await().atMost(Duration.ofSeconds(30)).until(() -> groupSize() == 2);
		assertThat(survivor.isElected()).isFalse();

		crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

		await().atMost(SESSION.multipliedBy(5)).until(() -> survivor.events.contains("elected"));
		assertThat(survivor.events).containsExactly("elected");
	}

	private Member join(String name) {
		Member member = new Member();
		member.election = JobsManagerElection.join(bootstrapServers(), name, SESSION, member);
		members.add(member.election);
		return member;
	}

	private String bootstrapServers() {
		return String.valueOf(kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
			.replaceAll("[\\[\\] ]", "");
	}

	private int groupSize() throws Exception {
		try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
			ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(JobsManagerElection.GROUP))
				.all()
				.get(10, TimeUnit.SECONDS)
				.get(JobsManagerElection.GROUP);
			return group.members().size();
		}
	}

	private static final class Member implements JobsManagerElection.Listener {

		final List<String> events = new CopyOnWriteArrayList<>();

		JobsManagerElection election;

		boolean isElected() {
			return election.elected();
		}

		@Override
		public void elected() {
			events.add("elected");
		}

		@Override
		public void deposed() {
			events.add("deposed");
		}

	}

	/** A member in a JVM of its own, to be killed: prints "elected" when it is. */
	public static final class ElectionMember {

		public static void main(String[] args) throws Exception {
			JobsManagerElection.join(args[0], "crashing", Duration.ofMillis(Long.parseLong(args[1])),
					new JobsManagerElection.Listener() {

						@Override
						public void elected() {
							System.out.println("elected");
							System.out.flush();
						}

						@Override
						public void deposed() {
						}

					});
			Thread.sleep(Long.MAX_VALUE);
		}

	}

}
