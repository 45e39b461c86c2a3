package io.statefront.order;

import java.util.ArrayList;
import java.util.List;

import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserFunction;
import io.statefront.ledger.UserOperation;
import io.statefront.ledger.UserResponse;
import io.statefront.ledger.UserResult;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.saga.SagaReply;
import io.statefront.stock.ItemCommand;
import io.statefront.stock.ItemFunction;
import io.statefront.stock.ItemOperation;
import io.statefront.stock.ItemResponse;
import io.statefront.stock.ItemResult;
import io.statefront.support.Emitted;
import io.statefront.support.FunctionHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

/**
 * The order, item and user functions wired to each other in memory, as the functions job wires
 * them through Kafka, with neither Kafka nor Spring: every message to a function is appended to
 * that function's log (its topic) and processed in log order; the steps an order sends and the
 * replies its participants send are routed by {@link #settle()} until none is left.
 *
 * <p>A {@link Checkpoint} keeps each function's state with its position in its log, as Flink keeps
 * state and source offsets together; {@link #crashAndRestore} restores all three and re-reads each
 * log from that position, so whatever was sent after the checkpoint is sent again (duplicates
 * included), as after a real restore.
 */
final class InMemoryShop implements AutoCloseable {

	/** State and log positions of the three functions at one moment. */
	record Checkpoint(OperatorSubtaskState orders, OperatorSubtaskState users, OperatorSubtaskState items,
			int ordersRead, int usersRead, int itemsRead) {
	}

	private final FunctionHarness<OrderMessage, OrderResponse> orders;

	private final FunctionHarness<UserCommand, UserResponse> users;

	private final FunctionHarness<ItemCommand, ItemResponse> items;

	private final Emitted<OrderResponse> orderAnswers;

	private final Emitted<UserResponse> userAnswers;

	private final Emitted<ItemResponse> itemAnswers;

	private final Emitted<UserCommand> userSteps;

	private final Emitted<ItemCommand> itemSteps;

	private final Emitted<SagaReply> userReplies;

	private final Emitted<SagaReply> itemReplies;

	private final List<OrderMessage> orderLog = new ArrayList<>();

	private final List<UserCommand> userLog = new ArrayList<>();

	private final List<ItemCommand> itemLog = new ArrayList<>();

	private final List<OrderResponse> answered = new ArrayList<>();

	/** How often each step and reply is delivered: 2 plays a sink that retried every send. */
	private int copies = 1;

	private long checkpoints;

	private int requests;

	InMemoryShop() throws Exception {
		Horizons horizons = Horizons.defaults();
		orders = FunctionHarness.open(() -> new OrderFunction(horizons), OrderMessage::orderKey);
		users = FunctionHarness.open(() -> new UserFunction(horizons), UserCommand::userId);
		items = FunctionHarness.open(() -> new ItemFunction(horizons), ItemCommand::itemId);
		orderAnswers = orders.output();
		userAnswers = users.output();
		itemAnswers = items.output();
		userSteps = orders.sideOutput(OrderOutputs.USER_STEPS);
		itemSteps = orders.sideOutput(OrderOutputs.ITEM_STEPS);
		userReplies = users.sideOutput(UserFunction.SAGA_REPLIES);
		itemReplies = items.sideOutput(ItemFunction.SAGA_REPLIES);
	}

	void deliverEveryMessageTwice() {
		copies = 2;
	}

	void openUser(String userId, long credit) throws Exception {
		toUsers(new UserCommand(nextRequest(), null, UserOperation.INIT, userId, credit, null));
	}

	void removeUser(String userId) throws Exception {
		toUsers(new UserCommand(nextRequest(), null, UserOperation.REMOVE, userId, 0, null));
	}

	void openItem(String itemId, long stock, long price) throws Exception {
		toItems(new ItemCommand(nextRequest(), null, ItemOperation.INIT, itemId, stock, price, null));
	}

	/** Sends a client's message to its order and routes the saga it starts to its end. */
	OrderResult order(OrderMessage message) throws Exception {
		toOrders(message);
		settle();
		return answerTo(message.requestId());
	}

	/** Sends a client's message to its order and routes nothing: the saga waits for {@link #settle()}. */
	void start(OrderMessage message) throws Exception {
		toOrders(message);
	}

	/** The order's latest answer to the client's message {@code message}. */
	OrderResult answerTo(OrderMessage message) {
		return answerTo(message.requestId());
	}

	OrderMessage create(String orderId, String userId) {
		return OrderMessage.create(nextRequest(), orderId, userId);
	}

	OrderMessage addItem(String orderId, String itemId, long quantity) {
		return OrderMessage.addItem(nextRequest(), null, orderId, itemId, quantity);
	}

	OrderMessage checkout(String orderId) {
		return OrderMessage.request(nextRequest(), null, OrderOperation.CHECKOUT, orderId);
	}

	long credit(String userId) throws Exception {
		String request = nextRequest();
		toUsers(new UserCommand(request, null, UserOperation.FIND, userId, 0, null));
		UserResult found = userAnswers.fresh()
			.stream()
			.filter(answer -> answer.requestId().equals(request))
			.findFirst()
			.orElseThrow()
			.result();
		return found.credit();
	}

	long stock(String itemId) throws Exception {
		String request = nextRequest();
		toItems(new ItemCommand(request, null, ItemOperation.FIND, itemId, 0, 0, null));
		ItemResult found = itemAnswers.fresh()
			.stream()
			.filter(answer -> answer.requestId().equals(request))
			.findFirst()
			.orElseThrow()
			.result();
		return found.stock();
	}


	/** Delivers the item steps the orders have sent, leaving the user's steps and every reply undelivered. */
	void deliverItemStepsOnly() throws Exception {
		deliver(itemSteps.fresh(), this::toItems);
	}

	Checkpoint checkpoint() throws Exception {
		long id = ++checkpoints;
		return new Checkpoint(orders.snapshot(id), users.snapshot(id), items.snapshot(id), orderLog.size(),
				userLog.size(), itemLog.size());
	}

	/**
	 * Restores every function from {@code checkpoint} and replays each log from its position there,
	 * as the job does after a crash; then routes whatever that sends to its end.
	 */
	void crashAndRestore(Checkpoint checkpoint) throws Exception {
		collectAnswers();
		orders.restore(checkpoint.orders());
		users.restore(checkpoint.users());
		items.restore(checkpoint.items());
		replay(orderLog, checkpoint.ordersRead(), orders::process);
		replay(userLog, checkpoint.usersRead(), users::process);
		replay(itemLog, checkpoint.itemsRead(), items::process);
		settle();
	}

	/** Every answer the orders gave, duplicates from a replay included. */
	List<OrderResponse> answers() {
		collectAnswers();
		return List.copyOf(answered);
	}

	@Override
	public void close() throws Exception {
		orders.close();
		users.close();
		items.close();
	}

	/** Routes the participants' steps and replies until no function has anything left to say. */
	void settle() throws Exception {
		while (routeOnce()) {
			// each round delivers what the one before made the functions send
		}
	}

	/**
	 * Delivers the steps the orders have sent to their participants, then the replies the
	 * participants have sent to the orders; whether anything moved.
	 */
	boolean routeOnce() throws Exception {
		List<UserCommand> toUsers = userSteps.fresh();
		List<ItemCommand> toItems = itemSteps.fresh();
		deliver(toUsers, this::toUsers);
		deliver(toItems, this::toItems);
		List<SagaReply> replies = new ArrayList<>(userReplies.fresh());
		replies.addAll(itemReplies.fresh());
		deliver(replies, reply -> toOrders(OrderMessage.reply(reply)));
		return !(toUsers.isEmpty() && toItems.isEmpty() && replies.isEmpty());
	}

	private interface Delivery<T> {

		void deliver(T message) throws Exception;

	}

	private <T> void deliver(List<T> messages, Delivery<T> delivery) throws Exception {
		for (T message : messages) {
			for (int copy = 0; copy < copies; copy++) {
				delivery.deliver(message);
			}
		}
	}

	private OrderResult answerTo(String requestId) {
		collectAnswers();
		return answered.stream()
			.filter(answer -> answer.requestId().equals(requestId))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("No answer to " + requestId))
			.result();
	}

	private void collectAnswers() {
		answered.addAll(orderAnswers.fresh());
	}

	private void toOrders(OrderMessage message) throws Exception {
		orderLog.add(message);
		orders.process(message, 0);
	}

	private void toUsers(UserCommand command) throws Exception {
		userLog.add(command);
		users.process(command, 0);
	}

	private void toItems(ItemCommand command) throws Exception {
		itemLog.add(command);
		items.process(command, 0);
	}

	private interface Processor<T> {

		void process(T element, long timestamp) throws Exception;

	}

	private static <T> void replay(List<T> log, int from, Processor<T> function) throws Exception {
		for (T element : List.copyOf(log.subList(from, log.size()))) {
			function.process(element, 0);
		}
	}

	private String nextRequest() {
		return "request-" + (++requests);
	}

}
