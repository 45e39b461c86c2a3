package io.statefront.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/** An order function's answer to a waiting request, on {@code order-events}. */
public record OrderResponse(String requestId, OrderResult result, @JsonIgnore @Nullable FunctionTrace trace)
		implements Traced<OrderResponse> {

	public OrderResponse(String requestId, OrderResult result) {
		this(requestId, result, null);
	}

	@Override
	public OrderResponse withTrace(@Nullable FunctionTrace trace) {
		return new OrderResponse(requestId, result, trace);
	}

}
