package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.web.EntityId;
import io.statefront.support.ApiSlice;
import io.statefront.support.ApiUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the API answers when the pipeline cannot: the cases a running pipeline cannot be made to
 * produce on demand. Everything else is tested end to end in {@link LedgerApiIntegrationTest}.
 */
@ApiSlice
class UserControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	LedgerClient ledger;

	@Test
	void answers503WithRetryAfterWhenNothingCouldBeSent() throws Exception {
		given(ledger.send(eq(UserOperation.ADD_CREDIT), any(EntityId.class), anyLong(), any()))
			.willThrow(new PipelineUnavailableException("The 'functions' job is not running"));

		ApiUser.call(mvc, post("/users/credit/add/1/5"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("The 'functions' job is not running; nothing was sent, try again later"));
	}

	@Test
	void answers504WhenNoReplyCameInTime() throws Exception {
		given(ledger.send(eq(UserOperation.SUBTRACT_CREDIT), any(EntityId.class), anyLong(), any()))
			.willReturn(CompletableFuture.failedFuture(new KafkaReplyTimeoutException("Reply timed out")));

		ApiUser.call(mvc, post("/users/credit/subtract/1/5"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.title").value("No reply in time"));
	}

	@Test
	void answers504WhenKafkaFailedASendItHadTaken() throws Exception {
		given(ledger.send(eq(UserOperation.ADD_CREDIT), any(EntityId.class), anyLong(), any()))
			.willReturn(CompletableFuture.failedFuture(new KafkaException("Send failed")));

		ApiUser.call(mvc, post("/users/credit/add/1/5"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.title").value("Outcome unknown"));
	}

}
