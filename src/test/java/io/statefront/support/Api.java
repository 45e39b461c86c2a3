package io.statefront.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A REST client for tests: plain JDK HTTP, as any API client would call. */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String baseUrl;

	private final String authorization;

	public Api(String baseUrl, String user, String password) {
		this.baseUrl = baseUrl;
		this.authorization = (user == null) ? null : "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** A response: its status, headers and JSON body (a missing node when the body is empty). */
	public record Response(int status, HttpResponse<String> raw, JsonNode json) {

		public String text(String field) {
			return json.path(field).asString();
		}

		public long number(String field) {
			return json.path(field).asLong();
		}

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

	}

	public Response get(String path) {
		return call("GET", path, Map.of()).join();
	}

	public Response post(String path) {
		return call("POST", path, Map.of()).join();
	}

	public Response post(String path, String idempotencyKey) {
		return call("POST", path, Map.of("Idempotency-Key", idempotencyKey)).join();
	}

	public Response delete(String path) {
		return call("DELETE", path, Map.of()).join();
	}

	public Response delete(String path, String idempotencyKey) {
		return call("DELETE", path, Map.of("Idempotency-Key", idempotencyKey)).join();
	}

	public CompletableFuture<Response> call(String method, String path, Map<String, String> headers) {
		return call(method, path, headers, null);
	}

	public CompletableFuture<Response> call(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		headers.forEach(request::header);
		return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
			.thenApply(response -> new Response(response.statusCode(), response, parse(response.body())));
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return JSON.missingNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return JSON.missingNode();
		}
	}

}
