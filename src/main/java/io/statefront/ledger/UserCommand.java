package io.statefront.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.EntityFunction;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import io.statefront.platform.saga.SagaStep;
import org.jspecify.annotations.Nullable;

/**
 * A message to one user function, on the {@value #TOPIC} topic under the user's id: a client's
 * request, or a step of a saga (then {@code step} says where the answer goes).
 *
 * @param requestId the id of the request waiting for the answer; copied into the reply
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param operation what to do
 * @param userId the user, also the message's key
 * @param amount the credit to add, subtract, set or pay; 0 otherwise
 * @param step the saga step this message is, or {@code null} for a client's request
 * @param trace the request's trace, from and to Kafka headers ({@link FunctionTrace})
 */
public record UserCommand(@Nullable String requestId, @Nullable String idempotencyKey, UserOperation operation,
		String userId, long amount, @Nullable SagaStep step, @JsonIgnore @Nullable FunctionTrace trace)
		implements EntityFunction.Command, Traced<UserCommand> {

	/** Every message to a user goes through this topic, keyed by user id (architecture rule 2). */
	public static final String TOPIC = "users";

	public UserCommand(@Nullable String requestId, @Nullable String idempotencyKey, UserOperation operation,
			String userId, long amount, @Nullable SagaStep step) {
		this(requestId, idempotencyKey, operation, userId, amount, step, null);
	}

	UserCommand(String requestId, @Nullable String idempotencyKey, UserOperation operation, String userId,
			long amount) {
		this(requestId, idempotencyKey, operation, userId, amount, null, null);
	}

	/** A saga step: {@link UserOperation#FIND} (does the user exist), PAY or REFUND. */
	public static UserCommand step(UserOperation operation, String userId, long amount, SagaStep step) {
		return new UserCommand(null, null, operation, userId, amount, step);
	}

	@Override
	public UserCommand withTrace(@Nullable FunctionTrace trace) {
		return new UserCommand(requestId, idempotencyKey, operation, userId, amount, step, trace);
	}

	@Override
	public String operationName() {
		return operation.name();
	}

	@Override
	public String fingerprint() {
		return operation + ":" + amount;
	}

	@Override
	public boolean opens() {
		return operation == UserOperation.CREATE;
	}

}
