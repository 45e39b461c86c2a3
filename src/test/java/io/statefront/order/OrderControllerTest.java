package io.statefront.order;

import java.util.List;

import io.statefront.order.OrderResult.Outcome;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import io.statefront.support.ApiSlice;
import io.statefront.support.ApiUser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.json.JsonCompareMode.STRICT;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The order API's HTTP contract over a stand-in for the order functions: each answer the checkout
 * saga can end in as its status and problem, and what the web layer refuses or reports on its own.
 * The saga itself: {@link CheckoutSagaTest}; on the real pipeline: {@link OrderApiIntegrationTest}.
 */
@ApiSlice
class OrderControllerTest {

	private static final EntityId ORDER = new EntityId("4");

	private static final List<OrderLine> LINES = List.of(new OrderLine("3", 2), new OrderLine("9", 1));

	@Autowired
	MockMvc mvc;

	@Autowired
	OrderClient orders;

	@Test
	void createsAnOrderForAUserAndSaysWhereItIs() throws Exception {
		given(orders.create(new EntityId("7"), new IdempotencyKey("new-order")))
			.willReturn(completedFuture(answer(Outcome.OK, List.of(), 0, false, null, 0)));

		call(post("/orders/create/7").header(IdempotencyKey.HEADER, "new-order")).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/orders/find/4"))
			.andExpect(content().json("""
					{"order_id": "4"}""", STRICT));
	}

	@Test
	void answers404WithoutAnOrderIdWhenTheUserOfANewOrderIsUnknown() throws Exception {
		given(orders.create(new EntityId("7"), null))
			.willReturn(completedFuture(answer(Outcome.USER_NOT_FOUND, List.of(), 0, false, "7", 0)));

		call(post("/orders/create/7")).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json("""
					{"title": "User not found", "status": 404,
					 "detail": "There is no user with id 7; nothing was changed",
					 "instance": "/orders/create/7", "user_id": "7"}""", STRICT));
	}

	@Test
	void findsAnOrderWithItsLinesAsItemAndQuantityPairs() throws Exception {
		given(orders.find(ORDER)).willReturn(completedFuture(answer(Outcome.OK, LINES, 23, false, null, 0)));

		call(get("/orders/find/4")).andExpect(status().isOk()).andExpect(content().json("""
				{"order_id": "4", "paid": false, "items": [["3", 2], ["9", 1]], "user_id": "7", "total_cost": 23}""",
				STRICT));
	}

	@Test
	void answers404ForAnOrderNobodyOpened() throws Exception {
		given(orders.find(ORDER)).willReturn(completedFuture(answer(Outcome.NOT_FOUND, List.of(), 0, false, null, 0)));

		call(get("/orders/find/4")).andExpect(status().isNotFound()).andExpect(content().json("""
				{"title": "Order not found", "status": 404, "detail": "There is no order with id 4",
				 "instance": "/orders/find/4", "order_id": "4"}""", STRICT));
	}

	@Test
	void addsAnItemUnderTheClientsIdempotencyKey() throws Exception {
		given(orders.addItem(ORDER, new EntityId("9"), 1, new IdempotencyKey("add-9")))
			.willReturn(completedFuture(answer(Outcome.OK, LINES, 23, false, null, 0)));

		call(post("/orders/addItem/4/9/1").header(IdempotencyKey.HEADER, "add-9")).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[1][0]").value("9"))
			.andExpect(jsonPath("$.items[1][1]").value(1))
			.andExpect(jsonPath("$.total_cost").value(23));
	}

	@Test
	void answers404NamingTheItemWhenTheItemAddedIsUnknown() throws Exception {
		given(orders.addItem(ORDER, new EntityId("9"), 1, null))
			.willReturn(completedFuture(answer(Outcome.ITEM_NOT_FOUND, LINES, 23, false, "9", 0)));

		call(post("/orders/addItem/4/9/1")).andExpect(status().isNotFound()).andExpect(content().json("""
				{"title": "Item not found", "status": 404, "detail": "There is no item with id 9; nothing was changed",
				 "instance": "/orders/addItem/4/9/1", "order_id": "4", "item_id": "9"}""", STRICT));
	}

	@Test
	void paysAnOrderAtCheckout() throws Exception {
		given(orders.checkout(ORDER, new IdempotencyKey("pay-4")))
			.willReturn(completedFuture(answer(Outcome.OK, LINES, 23, true, null, 0)));

		call(post("/orders/checkout/4").header(IdempotencyKey.HEADER, "pay-4")).andExpect(status().isOk())
			.andExpect(jsonPath("$.paid").value(true));
	}

	@Test
	void answers409NamingTheItemAndItsStockWhenACheckoutFindsTooLittle() throws Exception {
		given(orders.checkout(ORDER, null))
			.willReturn(completedFuture(answer(Outcome.INSUFFICIENT_STOCK, LINES, 23, false, "3", 1)));

		call(post("/orders/checkout/4")).andExpect(status().isConflict()).andExpect(content().json("""
				{"title": "Insufficient stock", "status": 409,
				 "detail": "Item 3 has 1 in stock, too few for order 4; nothing was taken or paid",
				 "instance": "/orders/checkout/4", "order_id": "4", "item_id": "3", "stock": 1}""", STRICT));
	}

	@Test
	void answers409NamingTheUserAndTheirCreditWhenACheckoutCostsMore() throws Exception {
		given(orders.checkout(ORDER, null))
			.willReturn(completedFuture(answer(Outcome.INSUFFICIENT_CREDIT, LINES, 23, false, "7", 20)));

		call(post("/orders/checkout/4")).andExpect(status().isConflict()).andExpect(content().json("""
				{"title": "Insufficient credit", "status": 409,
				 "detail": "User 7 has 20 credit, order 4 costs 23; nothing was taken or paid",
				 "instance": "/orders/checkout/4", "order_id": "4", "user_id": "7", "credit": 20}""", STRICT));
	}

	@ParameterizedTest(name = "{0} → {1} {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			ALREADY_PAID | 409 | Order already paid     | Order 4 is paid; nothing was changed
			COST_LIMIT   | 409 | Cost limit exceeded    | Order 4 would cost more than 9223372036854775807; nothing was added
			KEY_REUSED   | 422 | Idempotency key reused | This Idempotency-Key was used before for a different request; nothing was changed
			""")
	void answersTheOtherRefusalsOfAnAddedItemWithTheirStatus(Outcome outcome, int status, String title,
			String detail) throws Exception {
		given(orders.addItem(ORDER, new EntityId("9"), 1, null))
			.willReturn(completedFuture(answer(outcome, LINES, 23, outcome == Outcome.ALREADY_PAID, null, 0)));

		call(post("/orders/addItem/4/9/1")).andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail").value(detail))
			.andExpect(jsonPath("$.order_id").value("4"));
	}

	@Test
	void batchInitialisesOrdersAndRefusesAPriceTwoItemsCouldNotCostWithoutSending() throws Exception {
		given(orders.batchInit(10, 5, 3, 7)).willReturn(completedFuture(null));

		call(post("/orders/batch_init/10/5/3/7")).andExpect(status().isOk()).andExpect(content().json("""
				{"msg": "Batch init for orders successful"}""", STRICT));

		call(post("/orders/batch_init/10/5/3/4611686018427387904")).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("'itemPrice': two items must cost at most 9223372036854775807"));
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			/orders/find/x                | 'orderId': an id must be a whole number written in digits 0-9
			/orders/addItem/4/-9/1        | 'itemId': an id must be a whole number written in digits 0-9
			/orders/addItem/4/9/0         | 'quantity': an amount must be at least 1
			/orders/batch_init/10/0/3/7   | 'nItems': a batch size must be between 1 and 1000000
			""")
	void refusesAMalformedIdOrQuantityWith400BeforeSendingAnything(String path, String detail) throws Exception {
		var request = path.startsWith("/orders/find") ? get(path) : post(path);
		call(request).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Malformed request"))
			.andExpect(jsonPath("$.detail").value(detail));
		verifyNoInteractions(orders);
	}

	@Test
	void answers503WithRetryAfterWhenTheFunctionsAreNotRunning() throws Exception {
		given(orders.checkout(any(), any()))
			.willThrow(new PipelineUnavailableException("The 'functions' job is not running"));

		call(post("/orders/checkout/4")).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.detail").value("The 'functions' job is not running; nothing was sent, try again later"));
	}

	@Test
	void answers504WhenACheckoutGotNoAnswerInTimeOrKafkaFailedItAfterTakingIt() throws Exception {
		given(orders.checkout(ORDER, null)).willReturn(failedFuture(new KafkaReplyTimeoutException("Reply timed out")));
		call(post("/orders/checkout/4")).andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.title").value("No reply in time"));

		given(orders.checkout(ORDER, null)).willReturn(failedFuture(new KafkaException("Send failed")));
		call(post("/orders/checkout/4")).andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.title").value("Outcome unknown"));
	}

	@Test
	void answers401WithoutTheApiUsersCredentialsAndSendsNothing() throws Exception {
		mvc.perform(post("/orders/checkout/4")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(orders);
	}

	/** Order 4 of user 7, as its function answers. */
	private static OrderResult answer(Outcome outcome, List<OrderLine> lines, long cost, boolean paid,
			@Nullable String refusedBy, long balance) {
		return new OrderResult(outcome, "4", "7", lines, cost, paid, refusedBy, balance);
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return ApiUser.call(mvc, request);
	}

}
