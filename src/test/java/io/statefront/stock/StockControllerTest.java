package io.statefront.stock;

import io.statefront.platform.gateway.OutcomeUnknownException;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.stock.ItemResult.Outcome;
import io.statefront.support.ApiSlice;
import io.statefront.support.ApiUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.json.JsonCompareMode.STRICT;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The stock API's HTTP contract over a stand-in for the item functions: each answer a function
 * can give as its status and body, and what the web layer refuses or reports on its own.
 */
@ApiSlice
class StockControllerTest {

	private static final EntityId ITEM = new EntityId("3");

	@Autowired
	MockMvc mvc;

	@Autowired
	StockClient stock;

	@Test
	void createsAnItemAtItsPriceAndSaysWhereItIs() throws Exception {
		given(stock.create(7, new IdempotencyKey("new-item")))
			.willReturn(completedFuture(new ItemResult(Outcome.OK, "3", 0, 7)));

		call(post("/stock/item/create/7").header(IdempotencyKey.HEADER, "new-item"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/stock/find/3"))
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("""
					{"item_id": "3"}""", STRICT));
	}

	@Test
	void findsAnItemsStockAndPrice() throws Exception {
		given(stock.send(ItemOperation.FIND, ITEM, 0, null))
			.willReturn(completedFuture(new ItemResult(Outcome.OK, "3", 12, 7)));

		call(get("/stock/find/3")).andExpect(status().isOk()).andExpect(content().json("""
				{"stock": 12, "price": 7}""", STRICT));
	}

	@Test
	void addsAndSubtractsStockUnderTheClientsIdempotencyKeys() throws Exception {
		given(stock.send(ItemOperation.ADD_STOCK, ITEM, 5, new IdempotencyKey("add-3")))
			.willReturn(completedFuture(new ItemResult(Outcome.OK, "3", 17, 7)));
		given(stock.send(ItemOperation.SUBTRACT_STOCK, ITEM, 2, new IdempotencyKey("subtract-3")))
			.willReturn(completedFuture(new ItemResult(Outcome.OK, "3", 15, 7)));

		call(post("/stock/add/3/5").header(IdempotencyKey.HEADER, "add-3")).andExpect(status().isOk())
			.andExpect(content().json("""
					{"stock": 17, "price": 7}""", STRICT));
		call(post("/stock/subtract/3/2").header(IdempotencyKey.HEADER, "subtract-3")).andExpect(status().isOk())
			.andExpect(content().json("""
					{"stock": 15, "price": 7}""", STRICT));
	}

	@Test
	void answers404ForAnItemNobodyCreated() throws Exception {
		given(stock.send(ItemOperation.FIND, ITEM, 0, null))
			.willReturn(completedFuture(new ItemResult(Outcome.NOT_FOUND, "3", 0, 0)));

		call(get("/stock/find/3")).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "Item not found", "status": 404,
					 "detail": "There is no item with id 3", "instance": "/stock/find/3", "item_id": "3"}""", STRICT));
	}

	@Test
	void answers409WithTheStockLeftWhenSubtractingWouldGoBelowZero() throws Exception {
		given(stock.send(ItemOperation.SUBTRACT_STOCK, ITEM, 20, null))
			.willReturn(completedFuture(new ItemResult(Outcome.INSUFFICIENT_STOCK, "3", 12, 7)));

		call(post("/stock/subtract/3/20")).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "Insufficient stock", "status": 409,
					 "detail": "Item 3 has 12 in stock; nothing was subtracted",
					 "instance": "/stock/subtract/3/20", "item_id": "3", "stock": 12}""", STRICT));
	}

	@Test
	void answers409WhenAddingWouldPassTheLargestStock() throws Exception {
		given(stock.send(ItemOperation.ADD_STOCK, ITEM, 9, null))
			.willReturn(completedFuture(new ItemResult(Outcome.STOCK_LIMIT, "3", Long.MAX_VALUE - 1, 7)));

		call(post("/stock/add/3/9")).andExpect(status().isConflict()).andExpect(content().json("""
				{"title": "Stock limit exceeded", "status": 409,
				 "detail": "Item 3 has 9223372036854775806 in stock; adding would pass 9223372036854775807, nothing was added",
				 "instance": "/stock/add/3/9", "item_id": "3", "stock": 9223372036854775806}""", STRICT));
	}

	@Test
	void answers422ForAKeyUsedBeforeForADifferentRequest() throws Exception {
		given(stock.send(ItemOperation.ADD_STOCK, ITEM, 6, new IdempotencyKey("add-3")))
			.willReturn(completedFuture(new ItemResult(Outcome.KEY_REUSED, "3", 0, 0)));

		call(post("/stock/add/3/6").header(IdempotencyKey.HEADER, "add-3")).andExpect(status().isUnprocessableContent())
			.andExpect(content().json("""
					{"title": "Idempotency key reused", "status": 422,
					 "detail": "This Idempotency-Key was used before for a different request; nothing was changed",
					 "instance": "/stock/add/3/6", "item_id": "3"}""", STRICT));
	}

	@Test
	void batchInitialisesItemsWithNoStockOrSome() throws Exception {
		given(stock.batchInit(10, 0, 7)).willReturn(completedFuture(null));

		call(post("/stock/batch_init/10/0/7")).andExpect(status().isOk()).andExpect(content().json("""
				{"msg": "Batch init for stock successful"}""", STRICT));
	}

	@ParameterizedTest(name = "{0} {1} with {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			GET  | /stock/find/{value}            | -1                  | 'itemId': an id must be a whole number written in digits 0-9
			POST | /stock/subtract/{value}/1      | \u0663              | 'itemId': an id must be a whole number written in digits 0-9
			POST | /stock/add/3/{value}           | 0                   | 'amount': an amount must be at least 1
			POST | /stock/subtract/3/{value}      | 1.5                 | 'amount': an amount must be a whole number written in digits 0-9
			POST | /stock/item/create/{value}     | 9223372036854775808 | 'price': an amount must be at most 9223372036854775807
			POST | /stock/batch_init/{value}/5/7  | 1000001             | 'n': a batch size must be between 1 and 1000000
			POST | /stock/batch_init/10/{value}/7 | +5                  | 'startingStock': a count must be a whole number written in digits 0-9
			""")
	void refusesAMalformedIdOrAmountWith400BeforeSendingAnything(String method, String path, String value,
			String detail) throws Exception {
		call(request(HttpMethod.valueOf(method), path, value)).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed request"))
			.andExpect(jsonPath("$.detail").value(detail));
		verifyNoInteractions(stock);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "caf\u00e9" })
	void refusesAMalformedIdempotencyKeyWith400BeforeSendingAnything(String key) throws Exception {
		call(post("/stock/add/3/5").header(IdempotencyKey.HEADER, key)).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(endsWith("Idempotency-Key must be 1 to 255 printable ASCII characters without spaces")));
		verifyNoInteractions(stock);
	}

	@Test
	void answers503WithRetryAfterWhenTheFunctionsAreNotRunning() throws Exception {
		given(stock.send(any(), any(), anyLong(), any()))
			.willThrow(new PipelineUnavailableException("The 'functions' job is not running"));

		call(post("/stock/add/3/5")).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "Pipeline unavailable", "status": 503,
					 "detail": "The 'functions' job is not running; nothing was sent, try again later",
					 "instance": "/stock/add/3/5"}""", STRICT));
	}

	@Test
	void answers503WithRetryAfterWhenABatchCouldNotSendItsFirstRequest() throws Exception {
		given(stock.batchInit(10, 5, 7))
			.willReturn(failedFuture(new PipelineUnavailableException("2000 requests are already waiting for replies")));

		call(post("/stock/batch_init/10/5/7")).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.detail")
				.value("2000 requests are already waiting for replies; nothing was sent, try again later"));
	}

	@Test
	void answers504WhenNoAnswerCameInTime() throws Exception {
		given(stock.send(ItemOperation.SUBTRACT_STOCK, ITEM, 5, null))
			.willReturn(failedFuture(new KafkaReplyTimeoutException("Reply timed out")));

		call(post("/stock/subtract/3/5")).andExpect(status().isGatewayTimeout())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "No reply in time", "status": 504,
					 "detail": "No answer came in time; the request may or may not have been applied. Repeating it with the same Idempotency-Key is safe.",
					 "instance": "/stock/subtract/3/5"}""", STRICT));
	}

	@Test
	void answers504WhenABatchStoppedPartWay() throws Exception {
		given(stock.batchInit(10, 5, 7)).willReturn(failedFuture(
				new OutcomeUnknownException("The batch stopped after 4 requests", new IllegalStateException())));

		call(post("/stock/batch_init/10/5/7")).andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.title").value("Outcome unknown"));
	}

	@Test
	void answers401WithoutTheApiUsersCredentialsAndSendsNothing() throws Exception {
		mvc.perform(post("/stock/add/3/5")).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Basic realm=\"statefront\""))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/stock/find/3").with(httpBasic(ApiUser.NAME, "not-the-password")))
			.andExpect(status().isUnauthorized());
		verifyNoInteractions(stock);
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return ApiUser.call(mvc, request);
	}

}
