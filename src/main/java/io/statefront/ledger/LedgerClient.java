package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.gateway.RequestReplyGateway;
import io.statefront.platform.gateway.RequestReplyGateway.BatchRequest;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends ledger commands to the user functions and returns their answers: the ledger's door for
 * the REST API and for the storefront alike.
 */
@Component
public class LedgerClient {

	private final RequestReplyGateway gateway;

	LedgerClient(RequestReplyGateway gateway) {
		this.gateway = gateway;
	}

	public CompletableFuture<UserResult> create(@Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		CreateUserRequest request = new CreateUserRequest(requestId, (key != null) ? key.value() : null);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS_CREATE, CreateUserFunction.KEY, requestId,
				request, UserResponse.class)
			.thenApply(UserResponse::result);
	}

	/**
	 * Sets users {@code 0…n-1} to {@code credit}, opening those that do not exist, and keeps the
	 * create function from handing out their ids; completes when every user has answered.
	 */
	CompletableFuture<Void> batchInit(int n, long credit) {
		return gateway.initialiseAll(FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS_CREATE, CreateUserFunction.KEY,
				new CreateUserRequest(null, null, n), n,
				index -> initRequest(index, credit), UserResponse.class);
	}

	public CompletableFuture<UserResult> send(UserOperation operation, EntityId userId, long amount,
			@Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		UserCommand command = new UserCommand(requestId, (key != null) ? key.value() : null, operation,
				userId.value(), amount);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS, userId.value(), requestId, command,
				UserResponse.class)
			.thenApply(UserResponse::result);
	}

	private static BatchRequest initRequest(int index, long credit) {
		String userId = Integer.toString(index);
		String requestId = RequestReplyGateway.newRequestId();
		return new BatchRequest(LedgerTopics.USERS, userId, requestId,
				new UserCommand(requestId, null, UserOperation.INIT, userId, credit));
	}

}
