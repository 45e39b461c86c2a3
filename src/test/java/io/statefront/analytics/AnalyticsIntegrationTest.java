package io.statefront.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated traffic through Kafka and the analytics job, back as history through the API. */
class AnalyticsIntegrationTest extends IntegrationTest {

	@AfterEach
	void stopSimulator() {
		simulate(false, 200);
	}

	@Test
	void theSimulatorsTrafficComesBackAsMetricHistory() throws InterruptedException {
		simulate(true, 500);

		// the first window may have begun before the simulator did: wait for three
		Response history = awaitHistory("page_views_per_second", 3, Duration.ofSeconds(90));
		simulate(false, 500);

		assertThat(history.text("store")).isEqualTo("in-memory");
		List<JsonNode> points = new ArrayList<>();
		history.json().path("points").forEach(points::add);
		assertThat(points).allSatisfy(point -> assertThat(point.path("time").asLong() % 5_000).isZero());
		// 500 events a second, about 70 % of them page views: 350 in a full window; wide for a busy machine
		assertThat(points.stream().mapToDouble(point -> point.path("value").asDouble()).max().getAsDouble())
			.isBetween(150.0, 500.0);
		assertThat(awaitHistory("active_users", 1, Duration.ofSeconds(10)).json().path("points").get(0).path("value")
			.asDouble()).isPositive();
	}

	@Test
	void refusesUnknownMeasurementsAndSpans() {
		assertThat(api().get("/analytics/metrics/page_views").status()).isEqualTo(404);
		assertThat(api().get("/analytics/metrics/active_users?minutes=0").status()).isEqualTo(400);
		assertThat(api().get("/analytics/metrics/active_users?minutes=abc").status()).isEqualTo(400);
		assertThat(anonymous().get("/analytics/metrics/active_users").status()).isEqualTo(401);
	}

	private Response awaitHistory(String measurement, int points, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		Response history = api().get("/analytics/metrics/" + measurement + "?minutes=10");
		while (history.json().path("points").size() < points && System.nanoTime() < deadline) {
			Thread.sleep(500);
			history = api().get("/analytics/metrics/" + measurement + "?minutes=10");
		}
		assertThat(history.json().path("points").size()).as("points of %s", measurement).isGreaterThanOrEqualTo(points);
		return history;
	}

	private void simulate(boolean running, int rate) {
		api().call("PUT", "/analytics/simulator", Map.of("Content-Type", "application/json"),
				"{\"running\": " + running + ", \"eventsPerSecond\": " + rate + "}").join();
	}

}
