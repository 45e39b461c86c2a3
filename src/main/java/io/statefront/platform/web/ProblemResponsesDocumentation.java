package io.statefront.platform.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.statefront.platform.security.Credential;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Documents the refusals an operation shares with the others, as {@link ProblemResponses} and the
 * security chain answer them, so that a handler declares only its own answers (its success and
 * the refusals of its function). Every operation may answer 401 and 429; one with a parameter or a
 * body, 400; one only the administrator may call, 403; one that waits for a reply (an asynchronous
 * handler: the gateway's), 503 and 504; one that writes, 503 from the disk guard. Success bodies are
 * JSON and every refusal's body is a problem.
 */
class ProblemResponsesDocumentation implements OperationCustomizer {

	private static final List<PathPattern> ADMINISTRATOR_ONLY = Credential.ADMINISTRATOR_ONLY.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		ApiResponses responses = operation.getResponses();
		boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
				|| operation.getRequestBody() != null;
		boolean waitsForReply = CompletableFuture.class.isAssignableFrom(handler.getMethod().getReturnType());
		if (takesInput) {
			responses.putIfAbsent("400", shared(ApiDocumentation.MALFORMED));
		}
		responses.putIfAbsent("401", shared(ApiDocumentation.UNAUTHORIZED));
		if (administratorOnly(handler)) {
			responses.putIfAbsent("403", shared(ApiDocumentation.ADMINISTRATOR_ONLY));
			operation.setDescription(((operation.getDescription() != null) ? operation.getDescription() + " " : "")
					+ "Only the administrator may: the console's credentials, over HTTP Basic.");
		}
		responses.putIfAbsent("429", shared(ApiDocumentation.TOO_MANY));
		if (waitsForReply || writes(handler)) {
			responses.putIfAbsent("503", shared(ApiDocumentation.UNAVAILABLE));
		}
		if (waitsForReply) {
			responses.putIfAbsent("504", shared(ApiDocumentation.NO_REPLY));
		}
		responses.forEach((status, response) -> {
			if (response.get$ref() == null) {
				bodyOf(status, response);
			}
		});
		ApiResponses sorted = new ApiResponses();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		return operation.responses(sorted);
	}

	/** A success is JSON only, a refusal a problem only: handlers produce both, so both were listed. */
	private static void bodyOf(String status, ApiResponse response) {
		if (status.startsWith("2")) {
			if (response.getContent() != null) {
				response.getContent().remove(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			}
		}
		else {
			response.setContent(ApiDocumentation.problemContent());
		}
	}

	private static ApiResponse shared(String name) {
		return new ApiResponse().$ref(name);
	}

	/** Whether every path the handler answers is the administrator's alone. */
	private static boolean administratorOnly(HandlerMethod handler) {
		RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
		RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		if (method == null || method.path().length == 0) {
			return false;
		}
		String[] prefixes = (type != null && type.path().length > 0) ? type.path() : new String[] { "" };
		return Arrays.stream(prefixes)
			.flatMap(prefix -> Arrays.stream(method.path()).map(path -> prefix + path))
			.allMatch(path -> ADMINISTRATOR_ONLY.stream()
				.anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path))));
	}

	private static boolean writes(HandlerMethod handler) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		if (mapping == null) {
			return false;
		}
		for (RequestMethod method : mapping.method()) {
			if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS) {
				return true;
			}
		}
		return false;
	}

}
