package io.statefront.platform.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One valid call to every operation the API's OpenAPI description lists, built from that
 * description: ids name fresh fixtures (a user with credit, an item with stock, an unpaid order of
 * theirs: {@link Fixtures}), every other path value is its documented example, a request body is
 * made from its schema, and an operation that takes an {@code Idempotency-Key} gets a new one. Each
 * must succeed with a 2xx status the description lists for it, and its body must carry exactly the
 * properties of the schema documented for that status. An operation documented as refusing the API
 * user (403: the batch inits) is called as the administrator. The hostile counterpart is
 * {@link HostileInputIntegrationTest}.
 */
class OpenApiRoundTripIntegrationTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A documented call, what came back, and what was wrong with it (empty when nothing). */
	record Call(String operation, String method, String path, int status, List<String> faults) {

		@Override
		public String toString() {
			return method + " " + path + " (" + operation + ") -> " + status + ": " + String.join("; ", faults);
		}

	}

	@Test
	void everyDocumentedOperationSucceedsWithTheDocumentedBody() {
		Api api = api();
		Api admin = admin();
		JsonNode document = api.get("/v3/api-docs").json();
		Response simulator = api.get("/analytics/simulator");
		List<Call> calls = new ArrayList<>();
		try {
			JsonNode paths = document.path("paths");
			for (String path : paths.propertyNames()) {
				for (String method : paths.path(path).propertyNames()) {
					JsonNode operation = paths.path(path).path(method);
					calls.add(call(operation.path("responses").has("403") ? admin : api, document, method.toUpperCase(),
							path, operation));
				}
			}
		}
		finally {
			// the valid body of the simulator's PUT changes its settings: the other tests expect them
			api.call("PUT", "/analytics/simulator", Map.of("Content-Type", "application/json"),
					simulator.raw().body()).join();
		}
		calls.forEach(call -> System.out.println("Round trip: " + call.method() + " " + call.path() + " -> "
				+ call.status()));

		assertThat(calls).as("operations in /v3/api-docs").hasSizeGreaterThan(20);
		assertThat(calls.stream().filter(call -> !call.faults().isEmpty()))
			.as("documented calls that did not succeed as documented")
			.isEmpty();
	}

	private Call call(Api api, JsonNode document, String method, String template, JsonNode operation) {
		Fixtures fixtures = Fixtures.create(api);
		List<String> faults = new ArrayList<>();
		String path = template;
		Map<String, String> headers = new HashMap<>();
		for (JsonNode parameter : operation.path("parameters")) {
			String name = parameter.path("name").asString();
			switch (parameter.path("in").asString()) {
				case "path" -> path = path.replace("{" + name + "}", pathValue(document, parameter, fixtures));
				case "header" -> {
					if (name.equals(IdempotencyKey.HEADER)) {
						headers.put(name, UUID.randomUUID().toString());
					}
					else if (parameter.path("required").asBoolean()) {
						faults.add("required header " + name + " has no valid value known to this test");
					}
				}
				default -> {
					if (parameter.path("required").asBoolean()) {
						faults.add("required " + parameter.path("in").asString() + " parameter " + name);
					}
				}
			}
		}
		String body = null;
		if (operation.has("requestBody")) {
			JsonNode content = operation.path("requestBody").path("content");
			String type = content.propertyNames().iterator().next();
			headers.put("Content-Type", type);
			body = sample(document, content.path(type).path("schema")).toString();
		}
		Response response = api.call(method, path, headers, body).join();
		int status = response.status();
		JsonNode documented = resolve(document, operation.path("responses").path(Integer.toString(status)));
		if (status < 200 || status > 299) {
			faults.add("not a success: " + response.raw().body());
		}
		else if (documented.isMissingNode()) {
			faults.add("status " + status + " is not documented; documented: " + operation.path("responses").propertyNames());
		}
		else {
			JsonNode schema = documented.path("content").path("application/json").path("schema");
			if (schema.isMissingNode()) {
				faults.add("no JSON body documented for " + status);
			}
			else {
				compare(document, response.json(), schema, "body", faults);
			}
		}
		return new Call(operation.path("operationId").asString(), method, path, status, faults);
	}

	/** An id names the fixture its name says; any other value is the documented example or minimum. */
	private static String pathValue(JsonNode document, JsonNode parameter, Fixtures fixtures) {
		String name = parameter.path("name").asString();
		if (name.toLowerCase().endsWith("id")) {
			return fixtures.idFor(name);
		}
		if (parameter.has("example")) {
			return parameter.path("example").asString();
		}
		JsonNode schema = resolve(document, parameter.path("schema"));
		for (String field : List.of("example", "default", "minimum")) {
			if (schema.has(field)) {
				return schema.path(field).asString();
			}
		}
		throw new AssertionError("Path parameter " + name + " documents no example, default or minimum: " + parameter);
	}

	/** A value the schema describes: its example, or its minimum, or false for a flag. */
	private static JsonNode sample(JsonNode document, JsonNode schemaOrRef) {
		JsonNode schema = resolve(document, schemaOrRef);
		if (schema.has("example")) {
			return schema.path("example");
		}
		if (schema.has("properties")) {
			ObjectNode object = JSON.createObjectNode();
			for (String property : schema.path("properties").propertyNames()) {
				object.set(property, sample(document, schema.path("properties").path(property)));
			}
			return object;
		}
		return switch (type(schema)) {
			case "boolean" -> JSON.getNodeFactory().booleanNode(false);
			case "integer", "number" -> schema.has("minimum") ? schema.path("minimum") : JSON.getNodeFactory().numberNode(0);
			default -> throw new AssertionError("No sample value for " + schema);
		};
	}

	/** The body has exactly the properties the schema names, and so on down its objects and arrays. */
	private static void compare(JsonNode document, JsonNode body, JsonNode schemaOrRef, String where,
			List<String> faults) {
		JsonNode schema = resolve(document, schemaOrRef);
		if (schema.has("properties")) {
			if (!body.isObject()) {
				faults.add(where + " is not an object: " + body);
				return;
			}
			Set<String> documented = new TreeSet<>(schema.path("properties").propertyNames());
			Set<String> answered = new TreeSet<>(body.propertyNames());
			if (!documented.equals(answered)) {
				faults.add(where + " has properties " + answered + ", documented " + documented);
			}
			for (String property : answered) {
				if (documented.contains(property)) {
					compare(document, body.path(property), schema.path("properties").path(property),
							where + "." + property, faults);
				}
			}
		}
		else if (type(schema).equals("array") && body.isArray()) {
			for (JsonNode element : body) {
				compare(document, element, schema.path("items"), where + "[]", faults);
			}
		}
		else if (type(schema).equals("array") || type(schema).equals("object")) {
			if (!body.isNull() && body.isArray() != type(schema).equals("array")) {
				faults.add(where + " is documented as " + type(schema) + ", answered " + body);
			}
		}
	}

	/** A schema's type; OpenAPI 3.1 may list it with "null". */
	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
		}
		return type.asString("");
	}

	/** Follows a local {@code $ref} ({@code #/components/...}) to what it names. */
	private static JsonNode resolve(JsonNode document, JsonNode node) {
		JsonNode resolved = node;
		while (resolved.has("$ref")) {
			String ref = resolved.path("$ref").asString();
			assertThat(ref).as("a local reference").startsWith("#/");
			resolved = document.at(ref.substring(1));
		}
		return resolved;
	}

}
