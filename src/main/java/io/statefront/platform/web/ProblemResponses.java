package io.statefront.platform.web;

import java.util.concurrent.TimeoutException;

import io.statefront.platform.disk.DiskSpaceLowException;
import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.gateway.ReplyTimeoutException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns what can go wrong into RFC 9457 problem responses that say what happened (architecture
 * rule 5): 4xx definitely not done, 503 nothing sent, 504 outcome unknown.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final String RETRY_AFTER_SECONDS = "5";

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		String detail = (cause instanceof IllegalArgumentException) ? cause.getMessage() : ex.getMessage();
		String name = ex.getPropertyName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(name != null) ? "'" + name + "': " + detail : detail);
		problem.setTitle("Malformed request");
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(PipelineUnavailableException.class)
	ResponseEntity<ProblemDetail> pipelineUnavailable(PipelineUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; nothing was sent, try again later");
		problem.setTitle("Pipeline unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	@ExceptionHandler(DiskSpaceLowException.class)
	ResponseEntity<ProblemDetail> diskSpaceLow(DiskSpaceLowException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Disk nearly full");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, DiskSpaceLowException.RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(noReplyInTime(ex).getBody());
	}

	@ExceptionHandler({ ReplyTimeoutException.class, KafkaReplyTimeoutException.class, TimeoutException.class })
	ResponseEntity<ProblemDetail> noReplyInTime(Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
				"No answer came in time; the request may or may not have been applied. "
						+ "Repeating it with the same Idempotency-Key is safe.");
		problem.setTitle("No reply in time");
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

	@ExceptionHandler({ OutcomeUnknownException.class, KafkaException.class,
			org.apache.kafka.common.KafkaException.class })
	ResponseEntity<ProblemDetail> outcomeUnknown(Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
				"Kafka failed after taking the request, which may or may not have been applied. "
						+ "Repeating it with the same Idempotency-Key is safe.");
		problem.setTitle("Outcome unknown");
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

}
