package io.statefront.platform;

import java.nio.file.Path;

import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.JobRequests;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the Flink jobs under a running application and starts them again: while they are down,
 * requests are refused with 503 and sent nowhere; once they are back, resumed from the savepoint
 * each took as it stopped, every acknowledged change is still there, once.
 */
class PipelineRestartIntegrationTest extends IntegrationTest {

	@Autowired
	FlinkRuntime flink;

	@Autowired
	JobRequests requests;

	@Autowired
	StatefrontProperties statefront;

	@Test
	void refusesRequestsWhileThePipelineIsDownAndKeepsEveryChangeAcrossARestart() {
		String id = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + id + "/40").status()).isEqualTo(200);
		requests.triggerCheckpoint("functions").join();
		// applied after the checkpoint: in the savepoint the stop takes, and not applied again
		assertThat(api().post("/users/credit/add/" + id + "/2").status()).isEqualTo(200);

		flink.stop();
		try {
			Response refused = api().post("/users/credit/add/" + id + "/1000");
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isEqualTo("5");
			assertThat(anonymous().get("/actuator/health").status()).isEqualTo(503);
		}
		finally {
			flink.start();
		}

		// a clean stop takes a savepoint of each job, newer than any checkpoint: the start resumes from it
		Path restoredFrom = Path.of(flink.job("functions").orElseThrow().restoredFrom().orElseThrow());
		assertThat(restoredFrom).startsWith(statefront.savepointsDir().resolve("functions").resolve("on-stop"));
		assertThat(restoredFrom.getFileName().toString()).startsWith("savepoint-");
		assertThat(api().get("/users/credit/" + id).number("credit")).isEqualTo(42);
		assertThat(api().post("/users/credit/subtract/" + id + "/15").number("credit")).isEqualTo(27);
		String next = api().post("/users/create").text("user_id");
		assertThat(Long.parseLong(next)).isEqualTo(Long.parseLong(id) + 1);
	}

}
