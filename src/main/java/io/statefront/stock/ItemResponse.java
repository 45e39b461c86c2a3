package io.statefront.stock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/** An item function's reply on {@code stock-events}, keyed by the request id it answers. */
public record ItemResponse(String requestId, ItemResult result, @JsonIgnore @Nullable FunctionTrace trace)
		implements Traced<ItemResponse> {

	public ItemResponse(String requestId, ItemResult result) {
		this(requestId, result, null);
	}

	@Override
	public ItemResponse withTrace(@Nullable FunctionTrace trace) {
		return new ItemResponse(requestId, result, trace);
	}

}
