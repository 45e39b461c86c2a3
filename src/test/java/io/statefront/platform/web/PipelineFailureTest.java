package io.statefront.platform.web;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineFailureTest {

	@Test
	void readsTheGatewaysFailuresThroughTheWrappersOfAFuture() {
		assertThat(PipelineFailure.of(new PipelineUnavailableException("The 'functions' job is not running")))
			.contains(PipelineFailure.NOT_SENT);
		assertThat(PipelineFailure.of(new ExecutionException(new KafkaReplyTimeoutException("Reply timed out"))))
			.contains(PipelineFailure.NO_REPLY_IN_TIME);
		assertThat(PipelineFailure.of(new TimeoutException())).contains(PipelineFailure.NO_REPLY_IN_TIME);
		assertThat(PipelineFailure.of(new CompletionException(new KafkaException("Send failed"))))
			.contains(PipelineFailure.OUTCOME_UNKNOWN);
		assertThat(PipelineFailure.of(new org.apache.kafka.common.errors.RecordTooLargeException()))
			.contains(PipelineFailure.OUTCOME_UNKNOWN);
	}

	@Test
	void aBatchThatStoppedPartWayIsUnknownThoughWhatStoppedItSentNothing() {
		assertThat(PipelineFailure.of(new OutcomeUnknownException("The batch stopped after 4 requests",
				new PipelineUnavailableException("The 'functions' job is not running"))))
			.contains(PipelineFailure.OUTCOME_UNKNOWN);
	}

	@Test
	void aFailureOfSomethingElseIsNoneOfThem() {
		assertThat(PipelineFailure.of(new CompletionException(new IllegalStateException("a bug")))).isEmpty();
	}

}
