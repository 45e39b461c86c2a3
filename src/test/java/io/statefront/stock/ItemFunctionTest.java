package io.statefront.stock;

import java.util.List;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.AppliedChange.Origin;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaRefusal;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.SagaStep;
import io.statefront.platform.saga.StepId;
import io.statefront.stock.ItemResult.Outcome;
import io.statefront.support.Emitted;
import io.statefront.support.FunctionHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemFunctionTest {

	private static final StepId PRICE = StepId.itemPrice("1");

	private FunctionHarness<ItemCommand, ItemResponse> items;

	private Emitted<SagaReply> sagaReplies;

	private Emitted<StockLevel> levels;

	private Emitted<AppliedChange> changes;

	private int requests;

	@BeforeEach
	void openHarness() throws Exception {
		items = FunctionHarness.open(() -> new ItemFunction(Horizons.defaults()), ItemCommand::itemId);
		sagaReplies = items.sideOutput(ItemFunction.SAGA_REPLIES);
		levels = items.sideOutput(ItemFunction.LEVELS);
		changes = items.sideOutput(ItemFunction.CHANGES);
	}

	@AfterEach
	void closeHarness() throws Exception {
		items.close();
	}

	@Test
	void logsEachChangeOfStockOnceWithTheMessageThatMadeIt() throws Exception {
		send(ItemOperation.CREATE, "3", 5);
		send("add-1", ItemOperation.ADD_STOCK, "3", 10);
		send("add-1", ItemOperation.ADD_STOCK, "3", 10);
		send("take-too-much", ItemOperation.SUBTRACT_STOCK, "3", 50);
		step(ItemOperation.TAKE, "3", 4, 1, StepId.takeStock("3"));
		step(ItemOperation.TAKE, "3", 4, 1, StepId.takeStock("3"));
		step(ItemOperation.RETURN, "3", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "3"));

		assertThat(changes.fresh()).containsExactly(
				new AppliedChange("item/3", "add-1", 10, 10, 0, "ADD_STOCK", Origin.IDEMPOTENCY_KEY),
				new AppliedChange("item/3", "order-9/1/take_stock:3", -4, 6, 0, "TAKE", Origin.SAGA_STEP),
				new AppliedChange("item/3", "order-9/1/return_stock:3", 4, 10, 0, "RETURN", Origin.SAGA_STEP));
	}

	@Test
	void opensAnItemAtItsPriceWithNoStock() throws Exception {
		assertThat(send(ItemOperation.FIND, "4", 0).outcome()).isEqualTo(Outcome.NOT_FOUND);

		assertThat(send(ItemOperation.CREATE, "4", 25)).isEqualTo(new ItemResult(Outcome.OK, "4", 0, 25));
		assertThat(send(ItemOperation.FIND, "4", 0)).isEqualTo(new ItemResult(Outcome.OK, "4", 0, 25));
	}

	@Test
	void addsAndSubtractsStockButNeverBelowZero() throws Exception {
		send(ItemOperation.CREATE, "1", 10);

		assertThat(send(ItemOperation.ADD_STOCK, "1", 5).stock()).isEqualTo(5);
		assertThat(send(ItemOperation.SUBTRACT_STOCK, "1", 6))
			.isEqualTo(new ItemResult(Outcome.INSUFFICIENT_STOCK, "1", 5, 10));
		assertThat(send(ItemOperation.SUBTRACT_STOCK, "1", 5)).isEqualTo(new ItemResult(Outcome.OK, "1", 0, 10));
	}

	@Test
	void refusesToAddPastTheLargestLong() throws Exception {
		send(ItemOperation.CREATE, "1", 10);
		send(ItemOperation.ADD_STOCK, "1", Long.MAX_VALUE);

		assertThat(send(ItemOperation.ADD_STOCK, "1", 1).outcome()).isEqualTo(Outcome.STOCK_LIMIT);
		assertThat(send(ItemOperation.FIND, "1", 0).stock()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void aReplayedCreateKeepsStockAndPrice() throws Exception {
		send(ItemOperation.CREATE, "1", 10);
		send(ItemOperation.ADD_STOCK, "1", 3);

		assertThat(send(ItemOperation.CREATE, "1", 10)).isEqualTo(new ItemResult(Outcome.OK, "1", 3, 10));
	}

	@Test
	void appliesARepeatedIdempotencyKeyOnceAndRefusesItForAnotherRequest() throws Exception {
		send(ItemOperation.CREATE, "1", 10);

		assertThat(send("k", ItemOperation.ADD_STOCK, "1", 7).stock()).isEqualTo(7);
		assertThat(send("k", ItemOperation.ADD_STOCK, "1", 7).stock()).isEqualTo(7);
		assertThat(send("k", ItemOperation.SUBTRACT_STOCK, "1", 7).outcome()).isEqualTo(Outcome.KEY_REUSED);
		assertThat(send(ItemOperation.FIND, "1", 0).stock()).isEqualTo(7);
	}

	@Test
	void restoresStockAndRememberedKeysFromACheckpoint() throws Exception {
		send(ItemOperation.CREATE, "1", 10);
		send("k", ItemOperation.ADD_STOCK, "1", 7);
		OperatorSubtaskState checkpoint = items.snapshot(1);

		items.restore(checkpoint);

		assertThat(send("k", ItemOperation.ADD_STOCK, "1", 7).stock()).isEqualTo(7);
		assertThat(send(ItemOperation.FIND, "1", 0)).isEqualTo(new ItemResult(Outcome.OK, "1", 7, 10));
	}

	@Test
	void answersASagaWithItsPriceOrThatItDoesNotExist() throws Exception {
		send(ItemOperation.CREATE, "1", 25);

		assertThat(step(ItemOperation.FIND, "1", 0, 1, PRICE)).containsExactly(done(1, PRICE, 25));
		assertThat(step(ItemOperation.FIND, "2", 0, 1, PRICE))
			.containsExactly(SagaReply.refused(sagaStep(1, PRICE), SagaRefusal.NOT_FOUND, 0));
	}

	@Test
	void takesStockForASagaOnceAndReturnsItOnce() throws Exception {
		send(ItemOperation.CREATE, "1", 25);
		send(ItemOperation.ADD_STOCK, "1", 10);

		assertThat(step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1")))
			.containsExactly(done(1, StepId.takeStock("1"), 6));
		assertThat(step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1")))
			.containsExactly(done(1, StepId.takeStock("1"), 6));
		assertThat(step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1")))
			.containsExactly(done(1, new StepId(StepId.Kind.RETURN_STOCK, "1"), 10));
		assertThat(step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1")))
			.containsExactly(done(1, new StepId(StepId.Kind.RETURN_STOCK, "1"), 10));
		assertThat(step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1")))
			.containsExactly(done(1, StepId.takeStock("1"), 6));
		assertThat(send(ItemOperation.FIND, "1", 0).stock()).isEqualTo(10);
	}

	@Test
	void refusesToTakeMoreThanItHasAndReturnsNothingForARefusal() throws Exception {
		send(ItemOperation.CREATE, "1", 25);
		send(ItemOperation.ADD_STOCK, "1", 3);

		assertThat(step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1")))
			.containsExactly(SagaReply.refused(sagaStep(1, StepId.takeStock("1")), SagaRefusal.NOT_ENOUGH, 3));
		assertThat(step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1")))
			.containsExactly(done(1, new StepId(StepId.Kind.RETURN_STOCK, "1"), 3));
		assertThat(step(ItemOperation.TAKE, "9", 1, 1, StepId.takeStock("9")))
			.containsExactly(SagaReply.refused(sagaStep(1, StepId.takeStock("9")), SagaRefusal.NOT_FOUND, 0));
	}

	@Test
	void ignoresATakeOfAnAttemptTheSagaHasLeftBehind() throws Exception {
		send(ItemOperation.CREATE, "1", 25);
		send(ItemOperation.ADD_STOCK, "1", 10);
		step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1"));
		step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1"));
		step(ItemOperation.TAKE, "1", 5, 2, StepId.takeStock("1"));

		assertThat(step(ItemOperation.TAKE, "1", 4, 1, StepId.takeStock("1"))).isEmpty();
		assertThat(step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1")))
			.containsExactly(done(1, new StepId(StepId.Kind.RETURN_STOCK, "1"), 5));
		assertThat(send(ItemOperation.FIND, "1", 0).stock()).isEqualTo(5);
	}

	@Test
	void aBatchInitialisationIsNotUndoneByAReturnOfAnEarlierTake() throws Exception {
		send(ItemOperation.CREATE, "1", 25);
		send(ItemOperation.ADD_STOCK, "1", 10);
		step(ItemOperation.TAKE, "1", 5, 1, StepId.takeStock("1"));

		items.process(new ItemCommand("r", null, ItemOperation.INIT, "1", 100, 25, null), 0);

		assertThat(step(ItemOperation.RETURN, "1", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "1")))
			.containsExactly(done(1, new StepId(StepId.Kind.RETURN_STOCK, "1"), 100));
		assertThat(send(ItemOperation.FIND, "1", 0).stock()).isEqualTo(100);
	}

	@Test
	void initialisesAnItemInABatch() throws Exception {
		items.process(new ItemCommand("r", null, ItemOperation.INIT, "3", 100, 7, null), 0);

		assertThat(send(ItemOperation.FIND, "3", 0)).isEqualTo(new ItemResult(Outcome.OK, "3", 100, 7));
	}

	@Test
	void publishesTheItemsLevelEachTimeItChangesAndOnlyThen() throws Exception {
		send(ItemOperation.CREATE, "4", 25);
		assertThat(levels.fresh()).containsExactly(new StockLevel("4", 0, 25));

		send(ItemOperation.ADD_STOCK, "4", 10);
		send(ItemOperation.FIND, "4", 0);
		send(ItemOperation.SUBTRACT_STOCK, "4", 11);
		assertThat(levels.fresh()).as("a read and a refusal change nothing")
			.containsExactly(new StockLevel("4", 10, 25));

		step(ItemOperation.TAKE, "4", 3, 1, StepId.takeStock("4"));
		step(ItemOperation.TAKE, "4", 3, 1, StepId.takeStock("4"));
		step(ItemOperation.RETURN, "4", 0, 1, new StepId(StepId.Kind.RETURN_STOCK, "4"));
		assertThat(levels.fresh()).as("a repeated step changes nothing").containsExactly(new StockLevel("4", 7, 25),
				new StockLevel("4", 10, 25));
	}

	private List<SagaReply> step(ItemOperation operation, String itemId, long amount, long attempt, StepId stepId)
			throws Exception {
		items.process(ItemCommand.step(operation, itemId, amount, sagaStep(attempt, stepId)), 0);
		return sagaReplies.fresh();
	}

	private static SagaStep sagaStep(long attempt, StepId stepId) {
		return new SagaStep("order-9", attempt, stepId, "orders");
	}

	private static SagaReply done(long attempt, StepId stepId, long value) {
		return SagaReply.done(sagaStep(attempt, stepId), value);
	}

	private ItemResult send(ItemOperation operation, String itemId, long amount) throws Exception {
		return send(null, operation, itemId, amount);
	}

	private ItemResult send(String idempotencyKey, ItemOperation operation, String itemId, long amount)
			throws Exception {
		String requestId = "request-" + (++requests);
		// a CREATE's amount here is the new item's price
		ItemCommand command = (operation == ItemOperation.CREATE)
				? new ItemCommand(requestId, idempotencyKey, operation, itemId, 0, amount, null)
				: ItemCommand.request(requestId, idempotencyKey, operation, itemId, amount);
		items.process(command, 0);
		ItemResponse reply = items.latestOutput();
		assertThat(reply.requestId()).isEqualTo(requestId);
		return reply.result();
	}

}
