package io.statefront.platform.web;

import java.util.concurrent.TimeoutException;

import io.statefront.platform.disk.DiskSpaceLowException;
import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * rule 5): 4xx definitely not done, 503 nothing sent, 504 outcome unknown (as {@link PipelineFailure}
 * reads the pipeline's failures).
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

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
		outcomeUnknown(ex);
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem(PipelineFailure.NO_REPLY_IN_TIME, ex));
	}

	/** The exceptions {@link PipelineFailure} reads, each answered as what it means. */
	@ExceptionHandler({ PipelineUnavailableException.class, KafkaReplyTimeoutException.class, TimeoutException.class,
			OutcomeUnknownException.class, KafkaException.class, org.apache.kafka.common.KafkaException.class })
	ResponseEntity<ProblemDetail> pipelineFailed(Exception ex) {
		PipelineFailure failure = PipelineFailure.of(ex).orElseThrow(() -> new IllegalArgumentException(ex));
		ProblemDetail problem = problem(failure, ex);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		if (failure == PipelineFailure.NOT_SENT) {
			response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		else {
			outcomeUnknown(ex);
		}
		return response.body(problem);
	}

	/**
	 * A 504 leaves the client unsure: the line names the request's trace (its {@code traceId}, as the
	 * client's {@code traceresponse} does), so the two can be matched. A 503 sent nothing and is not
	 * logged: while the pipeline is down every request gets one.
	 */
	private static void outcomeUnknown(Exception ex) {
		log.warn("Answered 504, outcome unknown: {}", ex.getMessage());
	}

	private static ProblemDetail problem(PipelineFailure failure, Exception ex) {
		return switch (failure) {
			case NOT_SENT -> Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Pipeline unavailable",
					ex.getMessage() + "; nothing was sent, try again later");
			case NO_REPLY_IN_TIME -> Problems.problem(HttpStatus.GATEWAY_TIMEOUT, "No reply in time",
					"No answer came in time; the request may or may not have been applied. "
							+ "Repeating it with the same Idempotency-Key is safe.");
			case OUTCOME_UNKNOWN -> Problems.problem(HttpStatus.GATEWAY_TIMEOUT, "Outcome unknown",
					"Kafka failed after taking the request, which may or may not have been applied. "
							+ "Repeating it with the same Idempotency-Key is safe.");
		};
	}

}
