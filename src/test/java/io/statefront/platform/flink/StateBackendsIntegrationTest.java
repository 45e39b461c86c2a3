package io.statefront.platform.flink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each job on the state backend its state calls for, as its JobManager reports it: the functions
 * and the recommendations in RocksDB, whose state grows with entities and shoppers; the analytics
 * on the heap, whose state is bounded by its windows.
 */
class StateBackendsIntegrationTest extends IntegrationTest {

	@Autowired
	FlinkRuntime flink;

	@Test
	void theAnalyticsJobKeepsItsWindowsOnTheHeapAndTheOthersInRocksDb() throws Exception {
		assertThat(stateBackend("functions")).isEqualTo("EmbeddedRocksDBStateBackend");
		assertThat(stateBackend("recommendations")).isEqualTo("EmbeddedRocksDBStateBackend");
		assertThat(stateBackend("analytics")).isEqualTo("HashMapStateBackend");
	}

	private String stateBackend(String job) throws Exception {
		String address = flink.clusterAddress().orElseThrow();
		String jobId = flink.job(job).orElseThrow().id().toHexString();
		HttpResponse<String> config = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(address + "/jobs/" + jobId + "/checkpoints/config")).build(),
					HttpResponse.BodyHandlers.ofString());
		JsonNode body = JsonMapper.builder().build().readTree(config.body());
		return body.path("state_backend").asString();
	}

}
