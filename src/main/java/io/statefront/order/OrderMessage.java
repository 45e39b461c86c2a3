package io.statefront.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import io.statefront.platform.saga.SagaReply;
import org.jspecify.annotations.Nullable;

/**
 * A message to one order function, on the {@value #TOPIC} topic under the order's id: a client's
 * request, or an item's or user's {@link SagaReply} to a step the order sent. Both kinds share
 * the topic so that each order sees them in one fixed order (architecture rule 2).
 *
 * @param requestId the id of the request waiting for the answer; copied into the reply
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param operation what to do; {@code null} for a reply
 * @param orderId the order, also the message's key; {@code null} for a reply
 * @param userId the order's user, for CREATE and INIT
 * @param itemId the item to add, for ADD_ITEM
 * @param quantity how many of the item to add, for ADD_ITEM
 * @param items the order's lines, for INIT
 * @param totalCost the order's cost, for INIT
 * @param reply a participant's answer to a saga step, or {@code null}
 * @param trace the client's request's trace, from and to Kafka headers ({@link FunctionTrace}); kept
 * with the operation while its saga runs, so that the answer at its end carries it
 */
public record OrderMessage(@Nullable String requestId, @Nullable String idempotencyKey,
		@Nullable OrderOperation operation, @Nullable String orderId, @Nullable String userId,
		@Nullable String itemId, long quantity, @Nullable List<OrderLine> items, long totalCost,
		@Nullable SagaReply reply, @JsonIgnore @Nullable FunctionTrace trace) implements Traced<OrderMessage> {

	/** Every message to an order goes through this topic, keyed by order id. */
	public static final String TOPIC = "orders";

	public OrderMessage(@Nullable String requestId, @Nullable String idempotencyKey,
			@Nullable OrderOperation operation, @Nullable String orderId, @Nullable String userId,
			@Nullable String itemId, long quantity, @Nullable List<OrderLine> items, long totalCost,
			@Nullable SagaReply reply) {
		this(requestId, idempotencyKey, operation, orderId, userId, itemId, quantity, items, totalCost, reply, null);
	}

	@Override
	public OrderMessage withTrace(@Nullable FunctionTrace trace) {
		return new OrderMessage(requestId, idempotencyKey, operation, orderId, userId, itemId, quantity, items,
				totalCost, reply, trace);
	}

	@Override
	public String operationName() {
		return (operation != null) ? operation.name() : "REPLY";
	}

	static OrderMessage request(String requestId, @Nullable String idempotencyKey, OrderOperation operation,
			String orderId) {
		return new OrderMessage(requestId, idempotencyKey, operation, orderId, null, null, 0, null, 0, null);
	}

	static OrderMessage addItem(String requestId, @Nullable String idempotencyKey, String orderId, String itemId,
			long quantity) {
		return new OrderMessage(requestId, idempotencyKey, OrderOperation.ADD_ITEM, orderId, null, itemId, quantity,
				null, 0, null);
	}

	static OrderMessage create(@Nullable String requestId, String orderId, String userId) {
		return create(requestId, null, orderId, userId);
	}

	/**
	 * The CREATE the create function sends a new order, with the client's idempotency key: a key
	 * used again for another user's order gets the same id, and the order refuses it as reused.
	 */
	static OrderMessage create(@Nullable String requestId, @Nullable String idempotencyKey, String orderId,
			String userId) {
		return new OrderMessage(requestId, idempotencyKey, OrderOperation.CREATE, orderId, userId, null, 0, null, 0,
				null);
	}

	static OrderMessage init(String requestId, String orderId, String userId, List<OrderLine> items,
			long totalCost) {
		return new OrderMessage(requestId, null, OrderOperation.INIT, orderId, userId, null, 0, items, totalCost,
				null);
	}

	static OrderMessage reply(SagaReply reply) {
		return new OrderMessage(null, null, null, null, null, null, 0, null, 0, reply);
	}

	/** The order this message is for. */
	String orderKey() {
		return (reply != null) ? reply.sagaId() : orderId;
	}

	/** What a repeat under the same idempotency key must also ask to get the first answer. */
	String fingerprint() {
		return operation + ":" + userId + ":" + itemId + ":" + quantity;
	}

}
