package io.statefront.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new order of a user, on the {@code orders-create} topic under one constant key;
 * or, with {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation
 * creates.
 */
public record CreateOrderRequest(@Nullable String requestId, @Nullable String idempotencyKey,
		@Nullable String userId, long reserveIdsBelow, @JsonIgnore @Nullable FunctionTrace trace)
		implements Traced<CreateOrderRequest> {

	public CreateOrderRequest(@Nullable String requestId, @Nullable String idempotencyKey, @Nullable String userId,
			long reserveIdsBelow) {
		this(requestId, idempotencyKey, userId, reserveIdsBelow, null);
	}

	@Override
	public String operationName() {
		return (reserveIdsBelow > 0) ? "RESERVE" : "CREATE";
	}

	@Override
	public CreateOrderRequest withTrace(@Nullable FunctionTrace trace) {
		return new CreateOrderRequest(requestId, idempotencyKey, userId, reserveIdsBelow, trace);
	}

}
