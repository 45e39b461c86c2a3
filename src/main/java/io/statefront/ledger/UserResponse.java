package io.statefront.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.statefront.platform.flink.FunctionTrace;
import io.statefront.platform.flink.Traced;
import org.jspecify.annotations.Nullable;

/** A user function's reply on {@code user-events}, keyed by the request id it answers. */
public record UserResponse(String requestId, UserResult result, @JsonIgnore @Nullable FunctionTrace trace)
		implements Traced<UserResponse> {

	public UserResponse(String requestId, UserResult result) {
		this(requestId, result, null);
	}

	@Override
	public UserResponse withTrace(@Nullable FunctionTrace trace) {
		return new UserResponse(requestId, result, trace);
	}

}
