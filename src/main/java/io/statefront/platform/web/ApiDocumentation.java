package io.statefront.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The REST API's OpenAPI description ({@code /v3/api-docs}) and Swagger UI
 * ({@code /swagger-ui.html}), both open to read; the operations they describe take the API
 * user's HTTP Basic credentials, which Swagger UI's "Authorize" asks for. Besides the operations'
 * own answers, it holds the RFC 9457 problem body and the refusals every operation shares, which
 * {@link ProblemResponsesDocumentation} adds where they apply.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM = "Problem";

	static final String MALFORMED = "MalformedRequest";

	static final String UNAUTHORIZED = "Unauthorized";

	static final String UNAVAILABLE = "Unavailable";

	static final String NO_REPLY = "NoReplyInTime";

	static final String ADMINISTRATOR_ONLY = "AdministratorOnly";

	static final String TOO_MANY = "TooManyRequests";

	private static final String BASIC = "basic";

	@Bean
	OpenAPI statefrontOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Statefront API")
				.description("Users and credit, payment, stock and orders, each call answered by a stateful "
						+ "function in Flink through Kafka. 2xx: done. 4xx: not done, nothing changed (an RFC 9457 "
						+ "problem body says why). 503 with Retry-After: nothing was sent, try again later. 504: no "
						+ "answer in time, the outcome is unknown; repeat the request with the same Idempotency-Key. "
						+ "429 with Retry-After: too many requests from one client, nothing was done. The batch "
						+ "inits are the administrator's (the console's credentials).")
				.version("1"))
			.components(components())
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			// in this order in Swagger UI; each controller names its tag
			.tags(List.of(tag("users", "Users and their credit, each held by the user's own function"),
					tag("payment", "The shop API's payment service: the same users and credit as /users"),
					tag("stock", "Items, their stock and price, each held by the item's own function"),
					tag("orders", "Orders and their checkout saga, each held by the order's own function"),
					tag("analytics", "The analytics job's results and the traffic simulator")));
	}

	@Bean
	ProblemResponsesDocumentation problemResponsesDocumentation() {
		return new ProblemResponsesDocumentation();
	}

	/** The security scheme, the problem body, and the refusals every operation may share. */
	private static Components components() {
		return new Components()
			.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
			.addSchemas(PROBLEM, problem())
			.addResponses(MALFORMED, problemResponse(
					"An id, amount, header or body is malformed or out of range; nothing was sent",
					example(400, "Malformed request", "'amount': an amount must be at least 1", "/users/credit/add/0/0")))
			.addResponses(UNAUTHORIZED, problemResponse("No or wrong HTTP Basic credentials of the API user",
					example(401, "Unauthorized", "This API needs HTTP Basic credentials of the API user", null)))
			.addResponses(ADMINISTRATOR_ONLY, problemResponse(
					"The API user may not: this is the administrator's (the console's credentials, over HTTP Basic)",
					example(403, "Forbidden", "These credentials may not do this: the batch inits are the "
							+ "administrator's, and the metrics user reads /actuator/prometheus only", null)))
			.addResponses(TOO_MANY, problemResponse(
					"Nothing was done: more requests a second than the API takes from one credential, or too many "
							+ "wrong credentials from this address lately. Try again after Retry-After seconds.",
					example(429, "Too Many Requests", "More than the API takes a second from one client; nothing was "
							+ "done. Try again after Retry-After seconds.", null))
				.addHeaderObject(HttpHeaders.RETRY_AFTER,
						new Header().description("Seconds to wait before trying again").schema(integer("Seconds").example(1))))
			.addResponses(UNAVAILABLE, problemResponse(
					"Nothing was sent: the pipeline is not running or is full, or (for a write) the data directory's "
							+ "disk is nearly full. Try again after Retry-After seconds.",
					example(503, "Pipeline unavailable",
							"The 'functions' job is not running; nothing was sent, try again later", "/users/find/0"))
				.addHeaderObject(HttpHeaders.RETRY_AFTER,
						new Header().description("Seconds to wait before trying again").schema(integer("Seconds").example(5))))
			.addResponses(NO_REPLY, problemResponse(
					"No answer in time, or Kafka failed after taking the request: it may or may not have been applied. "
							+ "Repeating it, with the same Idempotency-Key where it takes one, is safe.",
					example(504, "No reply in time", "No answer came in time; the request may or may not have been "
							+ "applied. Repeating it with the same Idempotency-Key is safe.", "/users/credit/add/0/1")));
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

	/** A response whose body is a problem; its description says when it comes. */
	static ApiResponse problemResponse(String description) {
		return new ApiResponse().description(description).content(problemContent());
	}

	/** A response whose body is a problem, with an example of it. */
	private static ApiResponse problemResponse(String description, Map<String, Object> example) {
		ApiResponse response = problemResponse(description);
		response.getContent().values().forEach(media -> media.example(example));
		return response;
	}

	static Content problemContent() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref(PROBLEM)));
	}

	/** A problem as the API writes it: no type (about:blank), and the path that was asked where known. */
	private static Map<String, Object> example(int status, String title, String detail, String instance) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("title", title);
		example.put("status", status);
		example.put("detail", detail);
		if (instance != null) {
			example.put("instance", instance);
		}
		return example;
	}

	/**
	 * RFC 9457 problem details, with the properties the refusals of this API add. Without examples:
	 * the shared responses show their own, and one of a refusal would misstate the others.
	 */
	private static Schema<?> problem() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", string("Absent or about:blank: the status and title say what it is")._default("about:blank"));
		properties.put("title", string("What went wrong, the same for every such refusal"));
		properties.put("status", integer("The HTTP status"));
		properties.put("detail", string("What went wrong this time"));
		properties.put("instance", string("The path that was asked"));
		properties.put("user_id", string("The user the refusal is about, when it is about one"));
		properties.put("item_id", string("The item the refusal is about, when it is about one"));
		properties.put("order_id", string("The order the refusal is about, when that order existed"));
		properties.put("credit", integer("The user's credit, when there was too little, or too much to add to"));
		properties.put("stock", integer("The item's stock, when there was too little, or too much to add to"));
		return new Schema<>().types(Set.of("object"))
			.description("An RFC 9457 problem: the request was not done, or (503, 504) is not known to be done")
			.properties(properties)
			.required(List.of("title", "status"));
	}

	private static Schema<Object> string(String description) {
		return new Schema<>().types(Set.of("string")).description(description);
	}

	private static Schema<Object> integer(String description) {
		return new Schema<>().types(Set.of("integer")).format("int64").description(description);
	}

}
