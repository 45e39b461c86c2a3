package io.statefront.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each checkout of a run against the functions' exactly-once log of applied changes: an order
 * answered 200 is paid and took its total from its user and each line's quantity from its item; one
 * refused is unpaid and, once its compensations ran, took nothing from anyone.
 */
final class ShopSagas {

	private ShopSagas() {
	}

	/** How many checkouts were answered 200. */
	static long paid(History checkouts) {
		return statusByOrder(checkouts).values().stream().filter(status -> status == 200).count();
	}

	/** What disagrees, one line each; the orders are read through {@code api}. */
	static List<String> problems(History checkouts, List<AppliedChange> changes, Api api) {
		Map<String, Map<String, Long>> netByOrder = new HashMap<>();
		for (AppliedChange change : changes) {
			String[] sagaStep = change.messageId().split("/");
			if (sagaStep.length == 3) {
				netByOrder.computeIfAbsent(sagaStep[0], id -> new HashMap<>()).merge(change.entity(), change.delta(), Long::sum);
			}
		}
		List<String> problems = new ArrayList<>();
		Map<Integer, Integer> statuses = statusByOrder(checkouts);
		Map<Integer, JsonNode> orders = orders(api, List.copyOf(statuses.keySet()));
		statuses.forEach((id, status) -> {
			JsonNode found = orders.get(id);
			if (found.path("paid").asBoolean() != (status == 200)) {
				problems.add("order " + id + " answered " + status + " is " + (found.path("paid").asBoolean() ? "" : "not ")
						+ "paid");
			}
			Map<String, Long> expected = new HashMap<>();
			if (status == 200) {
				expected.put("user/" + found.path("user_id").asString(), -found.path("total_cost").asLong());
				for (JsonNode line : found.path("items")) {
					expected.merge("item/" + line.get(0).asString(), -line.get(1).asLong(), Long::sum);
				}
			}
			Map<String, Long> logged = new HashMap<>(netByOrder.getOrDefault(Integer.toString(id), Map.of()));
			logged.values().removeIf(net -> net == 0);
			if (!logged.equals(expected)) {
				problems.add("order " + id + " answered " + status + " should have changed " + expected
						+ " but the log shows " + logged);
			}
		});
		return problems;
	}

	/**
	 * The orders as {@code GET /orders/find/<id>} answers, a few hundred requests in flight at a time;
	 * one not answered in time (504: the jobs may still be catching up) is asked again.
	 */
	private static Map<Integer, JsonNode> orders(Api api, List<Integer> ids) {
		Map<Integer, JsonNode> orders = new HashMap<>();
		for (int from = 0; from < ids.size(); from += 200) {
			List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + 200));
			List<CompletableFuture<Api.Response>> calls = batch.stream()
				.map(id -> api.call("GET", "/orders/find/" + id, Map.of()))
				.toList();
			for (int i = 0; i < batch.size(); i++) {
				Api.Response response = calls.get(i).join();
				for (int attempt = 0; response.status() != 200 && attempt < 5; attempt++) {
					response = api.get("/orders/find/" + batch.get(i));
				}
				assertThat(response.status()).as("order %d", batch.get(i)).isEqualTo(200);
				orders.put(batch.get(i), response.json());
			}
		}
		return orders;
	}

	/** Each order's answer: the first the pipeline gave (2xx or 4xx). */
	private static Map<Integer, Integer> statusByOrder(History checkouts) {
		Map<Integer, Integer> statuses = new HashMap<>();
		checkouts.byKey().values().forEach(attempts -> statuses.put(
				Integer.parseInt(attempts.get(0).entity().substring("order/".length())),
				History.answers(attempts).stream().findFirst().map(Operation::status).orElse(503)));
		return statuses;
	}

}
