package io.statefront.platform;

import java.net.URI;
import java.nio.file.Path;

import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the Flink jobs under a running application and starts them again: while they are down,
 * requests are refused with 503 and sent nowhere; once they are back, resumed from their latest
 * checkpoint and the Kafka log behind it, every acknowledged change is still there.
 */
class PipelineRestartIntegrationTest extends IntegrationTest {

	@Autowired
	FlinkRuntime flink;

	@Test
	void refusesRequestsWhileThePipelineIsDownAndKeepsEveryChangeAcrossARestart() {
		String id = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + id + "/40").status()).isEqualTo(200);
		String checkpoint = flink.triggerCheckpoint("functions").join();
		// applied after the checkpoint: the restart must replay it from Kafka
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

		assertThat(flink.job("functions").orElseThrow().restoredFrom()).isPresent();
		assertThat(flink.job("functions").orElseThrow().restoredFrom())
			.contains(Path.of(URI.create(checkpoint)).normalize());
		assertThat(api().get("/users/credit/" + id).number("credit")).isEqualTo(42);
		assertThat(api().post("/users/credit/subtract/" + id + "/15").number("credit")).isEqualTo(27);
		String next = api().post("/users/create").text("user_id");
		assertThat(Long.parseLong(next)).isEqualTo(Long.parseLong(id) + 1);
	}

}
