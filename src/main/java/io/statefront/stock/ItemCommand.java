package io.statefront.stock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.EntityFunction;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import io.statefront.platform.saga.SagaStep;
import org.jspecify.annotations.Nullable;

/**
 * A message to one item function, on the {@value #TOPIC} topic under the item's id: a client's
 * request, or a step of a saga (then {@code step} says where the answer goes).
 *
 * @param requestId the id of the request waiting for the answer; copied into the reply
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param operation what to do
 * @param itemId the item, also the message's key
 * @param amount the stock to add, subtract, set or take; 0 otherwise
 * @param price the price of a new (or batch-initialised) item; 0 otherwise
 * @param step the saga step this message is, or {@code null} for a client's request
 * @param trace the request's trace, from and to Kafka headers ({@link FunctionTrace})
 */
public record ItemCommand(@Nullable String requestId, @Nullable String idempotencyKey, ItemOperation operation,
		String itemId, long amount, long price, @Nullable SagaStep step,
		@JsonIgnore @Nullable FunctionTrace trace) implements EntityFunction.Command, Traced<ItemCommand> {

	/** Every message to an item goes through this topic, keyed by item id (architecture rule 2). */
	public static final String TOPIC = "stock";

	public ItemCommand(@Nullable String requestId, @Nullable String idempotencyKey, ItemOperation operation,
			String itemId, long amount, long price, @Nullable SagaStep step) {
		this(requestId, idempotencyKey, operation, itemId, amount, price, step, null);
	}

	static ItemCommand request(String requestId, @Nullable String idempotencyKey, ItemOperation operation,
			String itemId, long amount) {
		return new ItemCommand(requestId, idempotencyKey, operation, itemId, amount, 0, null);
	}

	/** A saga step: {@link ItemOperation#FIND} (the item's price), TAKE or RETURN. */
	public static ItemCommand step(ItemOperation operation, String itemId, long amount, SagaStep step) {
		return new ItemCommand(null, null, operation, itemId, amount, 0, step);
	}

	@Override
	public ItemCommand withTrace(@Nullable FunctionTrace trace) {
		return new ItemCommand(requestId, idempotencyKey, operation, itemId, amount, price, step, trace);
	}

	@Override
	public String operationName() {
		return operation.name();
	}

	@Override
	public String fingerprint() {
		return operation + ":" + amount + ":" + price;
	}

	@Override
	public boolean opens() {
		return operation == ItemOperation.CREATE;
	}

}
