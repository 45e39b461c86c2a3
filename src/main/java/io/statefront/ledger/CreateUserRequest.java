package io.statefront.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new user id, on the {@code users-create} topic under one constant key; or, with
 * {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation creates.
 */
public record CreateUserRequest(@Nullable String requestId, @Nullable String idempotencyKey, long reserveIdsBelow,
		@JsonIgnore @Nullable FunctionTrace trace) implements Traced<CreateUserRequest> {

	CreateUserRequest(String requestId, @Nullable String idempotencyKey) {
		this(requestId, idempotencyKey, 0, null);
	}

	CreateUserRequest(@Nullable String requestId, @Nullable String idempotencyKey, long reserveIdsBelow) {
		this(requestId, idempotencyKey, reserveIdsBelow, null);
	}

	@Override
	public String operationName() {
		return (reserveIdsBelow > 0) ? "RESERVE" : "CREATE";
	}

	@Override
	public CreateUserRequest withTrace(@Nullable FunctionTrace trace) {
		return new CreateUserRequest(requestId, idempotencyKey, reserveIdsBelow, trace);
	}

}
