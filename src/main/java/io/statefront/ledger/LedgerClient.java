package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.gateway.RequestReplyGateway;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Sends ledger commands to the user functions and returns their answers. */
@Component
class LedgerClient {

	private final RequestReplyGateway gateway;

	LedgerClient(RequestReplyGateway gateway) {
		this.gateway = gateway;
	}

	CompletableFuture<UserResult> create(@Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		CreateUserRequest request = new CreateUserRequest(requestId, (key != null) ? key.value() : null);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS_CREATE, CreateUserFunction.KEY, requestId,
				request, UserResponse.class)
			.thenApply(UserResponse::result);
	}

	CompletableFuture<UserResult> send(UserOperation operation, EntityId userId, long amount,
			@Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		UserCommand command = new UserCommand(requestId, (key != null) ? key.value() : null, operation,
				userId.value(), amount);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS, userId.value(), requestId, command,
				UserResponse.class)
			.thenApply(UserResponse::result);
	}

}
