package io.statefront.ledger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.statefront.ledger.UserResult.Outcome;
import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.support.ApiSlice;
import io.statefront.support.ApiUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.json.JsonCompareMode.STRICT;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The payment API's HTTP contract over a stand-in for the user functions: the benchmark's paths
 * for the ledger, each answer as its status and problem, and what the web layer refuses or
 * reports on its own. On the real pipeline: {@link PaymentApiIntegrationTest}.
 */
@ApiSlice
class PaymentControllerTest {

	private static final EntityId USER = new EntityId("7");

	@Autowired
	MockMvc mvc;

	@Autowired
	LedgerClient ledger;

	@Test
	void createsAUserAndSaysWhereItIs() throws Exception {
		given(ledger.create(new IdempotencyKey("new-user")))
			.willReturn(completedFuture(new UserResult(Outcome.OK, "7", 0)));

		call(post("/payment/create_user").header(IdempotencyKey.HEADER, "new-user")).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/users/find/7"))
			.andExpect(content().json("""
					{"user_id": "7"}""", STRICT));
	}

	@Test
	void findsAUsersCredit() throws Exception {
		given(ledger.send(UserOperation.FIND, USER, 0, null))
			.willReturn(completedFuture(new UserResult(Outcome.OK, "7", 40)));

		call(get("/payment/find_user/7")).andExpect(status().isOk()).andExpect(content().json("""
				{"user_id": "7", "credit": 40}""", STRICT));
	}

	@Test
	void addsFundsAndPaysUnderTheClientsIdempotencyKeys() throws Exception {
		given(ledger.send(UserOperation.ADD_CREDIT, USER, 10, new IdempotencyKey("fund-7")))
			.willReturn(completedFuture(new UserResult(Outcome.OK, "7", 50)));
		given(ledger.send(UserOperation.SUBTRACT_CREDIT, USER, 30, new IdempotencyKey("pay-7")))
			.willReturn(completedFuture(new UserResult(Outcome.OK, "7", 20)));

		call(post("/payment/add_funds/7/10").header(IdempotencyKey.HEADER, "fund-7")).andExpect(status().isOk())
			.andExpect(content().json("""
					{"user_id": "7", "credit": 50}""", STRICT));
		call(post("/payment/pay/7/30").header(IdempotencyKey.HEADER, "pay-7")).andExpect(status().isOk())
			.andExpect(content().json("""
					{"user_id": "7", "credit": 20}""", STRICT));
	}

	@Test
	void answers404ForAUserNobodyCreated() throws Exception {
		given(ledger.send(UserOperation.FIND, USER, 0, null))
			.willReturn(completedFuture(new UserResult(Outcome.NOT_FOUND, "7", 0)));

		call(get("/payment/find_user/7")).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "User not found", "status": 404, "detail": "There is no user with id 7",
					 "instance": "/payment/find_user/7", "user_id": "7"}""", STRICT));
	}

	@Test
	void answers409WithTheCreditLeftWhenPayingWouldGoBelowZero() throws Exception {
		given(ledger.send(UserOperation.SUBTRACT_CREDIT, USER, 30, null))
			.willReturn(completedFuture(new UserResult(Outcome.INSUFFICIENT_CREDIT, "7", 20)));

		call(post("/payment/pay/7/30")).andExpect(status().isConflict()).andExpect(content().json("""
				{"title": "Insufficient credit", "status": 409, "detail": "User 7 has 20 credit; nothing was subtracted",
				 "instance": "/payment/pay/7/30", "user_id": "7", "credit": 20}""", STRICT));
	}

	@Test
	void answers409WhenAddingFundsWouldPassTheLargestCredit() throws Exception {
		given(ledger.send(UserOperation.ADD_CREDIT, USER, 9, null))
			.willReturn(completedFuture(new UserResult(Outcome.CREDIT_LIMIT, "7", Long.MAX_VALUE - 1)));

		call(post("/payment/add_funds/7/9")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Credit limit exceeded"))
			.andExpect(jsonPath("$.credit").value(Long.MAX_VALUE - 1));
	}

	@Test
	void answers422ForAKeyUsedBeforeForADifferentRequest() throws Exception {
		given(ledger.send(UserOperation.SUBTRACT_CREDIT, USER, 31, new IdempotencyKey("pay-7")))
			.willReturn(completedFuture(new UserResult(Outcome.KEY_REUSED, "7", 0)));

		call(post("/payment/pay/7/31").header(IdempotencyKey.HEADER, "pay-7"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().json("""
					{"title": "Idempotency key reused", "status": 422,
					 "detail": "This Idempotency-Key was used before for a different request; nothing was changed",
					 "instance": "/payment/pay/7/31", "user_id": "7"}""", STRICT));
	}

	@Test
	void batchInitialisesUsers() throws Exception {
		given(ledger.batchInit(10, 100)).willReturn(completedFuture(null));

		call(post("/payment/batch_init/10/100")).andExpect(status().isOk()).andExpect(content().json("""
				{"msg": "Batch init for users successful"}""", STRICT));
	}

	@Test
	void aBatchInitWaitsForItsEndAnHourNotTheMinuteOfOtherRequests() throws Exception {
		given(ledger.batchInit(100_000, 100)).willReturn(new CompletableFuture<>());

		MvcResult waiting = mvc
			.perform(post("/payment/batch_init/100000/100")
				.with(httpBasic(ApiUser.ADMINISTRATOR, ApiUser.ADMINISTRATOR_PASSWORD)))
			.andExpect(request().asyncStarted())
			.andReturn();

		// a shop of 100,000 took 70 s to set on a slow day: past the minute, it was a 504 while it went on
		assertThat(waiting.getRequest().getAsyncContext().getTimeout()).isEqualTo(Duration.ofHours(1).toMillis());
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			/payment/pay/7/0              | 'amount': an amount must be at least 1
			/payment/add_funds/07a/5      | 'userId': an id must be a whole number written in digits 0-9
			/payment/batch_init/0/100     | 'n': a batch size must be between 1 and 1000000
			/payment/batch_init/10/-1     | 'startingMoney': a count must be a whole number written in digits 0-9
			""")
	void refusesAMalformedIdOrAmountWith400BeforeSendingAnything(String path, String detail) throws Exception {
		call(post(path)).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed request"))
			.andExpect(jsonPath("$.detail").value(detail));
		verifyNoInteractions(ledger);
	}

	@Test
	void answers503WithRetryAfterWhenTheFunctionsAreNotRunning() throws Exception {
		given(ledger.send(any(), any(), anyLong(), any()))
			.willThrow(new PipelineUnavailableException("The 'functions' job is not running"));

		call(post("/payment/pay/7/30")).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.title").value("Pipeline unavailable"));
	}

	@Test
	void answers504WhenAPaymentGotNoAnswerInTimeOrABatchStoppedPartWay() throws Exception {
		given(ledger.send(UserOperation.SUBTRACT_CREDIT, USER, 30, null))
			.willReturn(failedFuture(new KafkaReplyTimeoutException("Reply timed out")));
		call(post("/payment/pay/7/30")).andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.title").value("No reply in time"));

		given(ledger.batchInit(10, 100)).willReturn(failedFuture(
				new OutcomeUnknownException("The batch stopped after 4 requests", new IllegalStateException())));
		call(post("/payment/batch_init/10/100")).andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.title").value("Outcome unknown"));
	}

	@Test
	void answers401WithoutTheApiUsersCredentialsAndSendsNothing() throws Exception {
		mvc.perform(post("/payment/pay/7/30")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(ledger);
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return ApiUser.call(mvc, request);
	}

}
