package io.statefront.stock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new item at a price, on the {@code stock-create} topic under one constant key;
 * or, with {@code reserveIdsBelow} above 0, the reservation of the ids a batch initialisation
 * creates.
 */
public record CreateItemRequest(@Nullable String requestId, @Nullable String idempotencyKey, long price,
		long reserveIdsBelow, @JsonIgnore @Nullable FunctionTrace trace) implements Traced<CreateItemRequest> {

	public CreateItemRequest(@Nullable String requestId, @Nullable String idempotencyKey, long price,
			long reserveIdsBelow) {
		this(requestId, idempotencyKey, price, reserveIdsBelow, null);
	}

	@Override
	public String operationName() {
		return (reserveIdsBelow > 0) ? "RESERVE" : "CREATE";
	}

	@Override
	public CreateItemRequest withTrace(@Nullable FunctionTrace trace) {
		return new CreateItemRequest(requestId, idempotencyKey, price, reserveIdsBelow, trace);
	}

}
