package io.statefront.platform.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random hostile requests to every operation the API's OpenAPI description lists:
 * malformed and boundary ids and amounts, wrong methods, bodies where none belong, hostile
 * idempotency keys and simulator settings. Each one must be refused with a 4xx problem response,
 * none may get a 5xx, and nothing may change: the fixtures keep their credit, stock and orders,
 * and the next id each create hands out is the one it would have handed out before.
 * {@code -Dstatefront.fuzz.seed} and {@code -Dstatefront.fuzz.requests} replay or lengthen a run.
 */
class HostileInputIntegrationTest extends IntegrationTest {

	private static final long SEED = Long.getLong("statefront.fuzz.seed", 20_261_122L);

	private static final int REQUESTS = Integer.getInteger("statefront.fuzz.requests", 1_200);

	/** Values no id or amount may be read as; sent URL-encoded. */
	private static final List<String> MALFORMED = List.of("-1", "1.5", "1e3", "+5", "0x10", " 5", "5 ", "1_000",
			"\u0663", "\uff15", "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "NaN",
			"Infinity", "null", "true", "x".repeat(10_000), "\u00e9t\u00e9", "\ud83d\ude00", "<script>", "' OR 1=1 --",
			"../../actuator/env");

	/** Values sent as they are, to reach the router and the firewall rather than the parsers. */
	private static final List<String> RAW = List.of("..", "..%2F..%2Factuator%2Fenv", "%2F", "a%2Fb", "%00",
			"%25", "a;jsessionid=1", "%2e%2e", ".");

	/** Values a parser accepts, which must not be enough to make a malformed request do something. */
	private static final List<String> BOUNDARY = List.of("0", "1", "9223372036854775807");

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

	private static final List<String> BODIES = List.of("{\"running\":true,\"eventsPerSecond\":-1}",
			"{\"running\":true,\"eventsPerSecond\":1.5}", "{\"running\":true,\"eventsPerSecond\":1e3}",
			"{\"running\":true,\"eventsPerSecond\":\"50\"}", "{\"running\":true,\"eventsPerSecond\":100001}",
			"{\"running\":true,\"eventsPerSecond\":9223372036854775808}", "{\"running\":true,\"eventsPerSecond\":null}",
			"{\"running\":\"yes\",\"eventsPerSecond\":10}", "{\"running\":true,\"eventsPerSecond\":[]}",
			"{\"running\":true,\"eventsPerSecond\":10,\"bouncerPercent\":101}", "{\"running\":true", "[]", "", "null",
			"not json", "<xml/>", "{\"running\":true,\"eventsPerSecond\":" + "9".repeat(5_000) + "}");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x");

	private static final List<String> IDEMPOTENCY_KEYS = List.of("", " ", "x".repeat(1_000), "a b", "key\tkey");

	private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

	/** An operation of the OpenAPI description. */
	record Operation(String method, String path, List<String> pathParameters, boolean takesIdempotencyKey,
			boolean takesBody) {
	}

	/** A request sent and what came back, kept for the report. */
	record Exchange(String kind, String method, String path, int status, String contentType) {

		@Override
		public String toString() {
			return kind + " " + method + " " + abbreviate(path) + " -> " + status + " " + contentType;
		}

		private static String abbreviate(String path) {
			return (path.length() > 120) ? path.substring(0, 120) + "…(" + path.length() + " chars)" : path;
		}

	}

	private final Random random = new Random(SEED);

	@Test
	void everyHostileRequestIsRefusedWithAProblemAndChangesNothing() {
		Api api = api();
		Fixtures fixtures = Fixtures.create(api);
		Map<String, String> before = fixtures.state(api);
		List<Operation> operations = operations(api);
		assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(20);

		List<Exchange> wrong = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			Exchange exchange = send(api, operations, fixtures);
			statuses.merge(exchange.status(), 1, Integer::sum);
			boolean problem = exchange.contentType().startsWith("application/problem+json");
			if (exchange.status() < 400 || exchange.status() >= 500 || !problem) {
				wrong.add(exchange);
			}
		}
		System.out.printf("Hostile input: %d requests (seed %d) over %d operations, statuses %s, %d not refused "
				+ "with a problem%n", REQUESTS, SEED, operations.size(), statuses, wrong.size());

		assertThat(wrong).as("requests not refused with a 4xx problem response").isEmpty();
		assertThat(fixtures.state(api)).as("state after the hostile requests").isEqualTo(before);
		fixtures.assertNothingWasCreated(api);
	}

	private Exchange send(Api api, List<Operation> operations, Fixtures fixtures) {
		Operation operation = operations.get(random.nextInt(operations.size()));
		int kind = random.nextInt(10);
		if (kind < 2) {
			return wrongMethod(api, operations, operation, fixtures);
		}
		if (operation.takesBody()) {
			return exchange(api, "hostile body", operation.method(), operation.path(), Map.of(),
					BODIES.get(random.nextInt(BODIES.size())));
		}
		if (operation.pathParameters().isEmpty()) {
			Map<String, String> headers = operation.takesIdempotencyKey()
					? Map.of("Idempotency-Key", IDEMPOTENCY_KEYS.get(random.nextInt(IDEMPOTENCY_KEYS.size())))
					: Map.of();
			String path = operation.path() + (operation.takesIdempotencyKey() ? "" : "/" + hostile());
			return exchange(api, "hostile key", operation.method(), path, headers, null);
		}
		String path = malformedPath(operation, fixtures);
		String body = (random.nextInt(4) == 0) ? BODIES.get(random.nextInt(BODIES.size())) : null;
		return exchange(api, (body == null) ? "malformed" : "malformed+body", operation.method(), path, Map.of(), body);
	}

	/** Each id a fixture's or hostile, every other value hostile, and at least one value malformed. */
	private String malformedPath(Operation operation, Fixtures fixtures) {
		List<String> values = new ArrayList<>();
		for (String parameter : operation.pathParameters()) {
			boolean id = parameter.toLowerCase().endsWith("id");
			values.add((id && random.nextBoolean()) ? fixtures.idFor(parameter) : boundaryOrHostile());
		}
		if (values.stream().noneMatch(value -> !BOUNDARY.contains(value) && !fixtures.isId(value))) {
			values.set(random.nextInt(values.size()), hostile());
		}
		Matcher matcher = PATH_PARAMETER.matcher(operation.path());
		StringBuilder path = new StringBuilder();
		int index = 0;
		while (matcher.find()) {
			matcher.appendReplacement(path, Matcher.quoteReplacement(values.get(index++)));
		}
		matcher.appendTail(path);
		return path.toString();
	}

	private Exchange wrongMethod(Api api, List<Operation> operations, Operation operation, Fixtures fixtures) {
		String path = PATH_PARAMETER.matcher(operation.path()).replaceAll(match -> match.group(1).toLowerCase().endsWith("id")
				? fixtures.idFor(match.group(1)) : "1");
		Set<String> declared = new HashSet<>();
		operations.stream().filter(other -> other.path().equals(operation.path())).forEach(other -> declared.add(other.method()));
		List<String> others = METHODS.stream().filter(method -> !declared.contains(method)).toList();
		String method = others.get(random.nextInt(others.size()));
		return exchange(api, "wrong method", method, path, Map.of(), null);
	}

	private String boundaryOrHostile() {
		return (random.nextInt(4) == 0) ? BOUNDARY.get(random.nextInt(BOUNDARY.size())) : hostile();
	}

	private String hostile() {
		if (random.nextInt(4) == 0) {
			return RAW.get(random.nextInt(RAW.size()));
		}
		return URLEncoder.encode(MALFORMED.get(random.nextInt(MALFORMED.size())), StandardCharsets.UTF_8).replace("+", "%20");
	}

	private Exchange exchange(Api api, String kind, String method, String path, Map<String, String> headers, String body) {
		Map<String, String> allHeaders = new HashMap<>(headers);
		if (body != null) {
			allHeaders.put("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
		}
		Response response;
		String answered = kind;
		try {
			response = api.call(method, path, allHeaders, body).join();
		}
		catch (CompletionException connectionReset) {
			// Tomcat refuses a request it cannot parse (such as a request line over 8 KB) with 400 and
			// closes the connection at once, without reading the body: a client still sending one may
			// see the close (a reset) before the answer. Such a refusal is the request line's, so the
			// same request without its body must be refused with a problem too.
			if (body == null) {
				throw connectionReset;
			}
			response = api.call(method, path, headers, null).join();
			answered = kind + ", reset while sending its body, asked again without";
		}
		return new Exchange(answered, method, path, response.status(),
				response.raw().headers().firstValue("Content-Type").orElse("(none)"));
	}

	private static List<Operation> operations(Api api) {
		JsonNode paths = api.get("/v3/api-docs").json().path("paths");
		List<Operation> operations = new ArrayList<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				JsonNode operation = paths.path(path).path(method);
				List<String> pathParameters = new ArrayList<>();
				boolean idempotencyKey = false;
				for (JsonNode parameter : operation.path("parameters")) {
					if (parameter.path("in").asString().equals("path")) {
						pathParameters.add(parameter.path("name").asString());
					}
					idempotencyKey |= parameter.path("name").asString().equals("Idempotency-Key");
				}
				operations.add(new Operation(method.toUpperCase(), path, pathParameters, idempotencyKey,
						operation.has("requestBody")));
			}
		}
		return operations;
	}

}
