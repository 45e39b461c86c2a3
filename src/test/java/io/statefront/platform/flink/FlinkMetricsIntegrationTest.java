package io.statefront.platform.flink;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The in-process cluster's figures, as Micrometer meters of the application. */
class FlinkMetricsIntegrationTest extends IntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	JobRequests requests;

	@Test
	void recordsThroughTheFunctionsJobAreCountedPerTask() {
		double before = recordsIn("functions");

		assertThat(api().post("/users/create").status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(10)).until(() -> recordsIn("functions") > before);
		assertThat(meters.get("flink.job.restarts").tag("job", "functions").gauge().value()).isZero();
	}

	@Test
	void aJobsThroughputIsWhatItsSourcesReadAndItsSinksWrote() {
		double read = count(MicrometerReporter.SOURCE_RECORDS, "functions");
		double written = count(MicrometerReporter.SINK_RECORDS, "functions");

		// users-create in, the new user out to users; that message in, the reply out to user-events
		assertThat(api().post("/users/create").status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(10)).until(() -> count(MicrometerReporter.SOURCE_RECORDS, "functions") == read + 2
				&& count(MicrometerReporter.SINK_RECORDS, "functions") == written + 2);
		assertThat(meters.find(MicrometerReporter.SOURCE_RECORDS).tag("job", "functions").functionCounters())
			.extracting(counter -> counter.getId().getTag("operator"))
			.contains("Source: users-create", "Source: users")
			.allMatch(operator -> operator.startsWith("Source: "));
		assertThat(meters.find(MicrometerReporter.SINK_RECORDS).tag("job", "functions").functionCounters())
			.extracting(counter -> counter.getId().getTag("operator"))
			.contains("users (new): Writer", "user-events: Writer")
			.allMatch(operator -> operator.endsWith(": Writer"));
	}

	@Test
	void aCompletedCheckpointIsCounted() {
		Gauge completed = meters.get("flink.job.checkpoints.completed").tag("job", "analytics").gauge();
		double before = completed.value();

		requests.triggerCheckpoint("analytics").join();

		await().atMost(Duration.ofSeconds(10)).until(() -> completed.value() == before + 1);
		assertThat(meters.get("flink.job.checkpoint.last.duration").tag("job", "analytics").gauge().value())
			.isNotNegative();
	}

	private double count(String meter, String job) {
		return meters.find(meter).tag("job", job).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
	}

	private double recordsIn(String job) {
		return meters.find("flink.task.records.in")
			.tag("job", job)
			.functionCounters()
			.stream()
			.mapToDouble(FunctionCounter::count)
			.sum();
	}

}
