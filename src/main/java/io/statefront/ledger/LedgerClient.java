package io.statefront.ledger;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.gateway.RequestPool;
import io.statefront.platform.gateway.RequestReplyGateway;
import io.statefront.platform.gateway.RequestReplyGateway.BatchRequest;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sends ledger commands to the user functions and returns their answers: the ledger's door for
 * the REST API and for the storefront alike (each waiting in its own pool: {@link #forStorefront()}).
 * A removal the user function confirms is told to the application as a {@link UserRemoved}.
 */
@Component
public class LedgerClient {

	private final RequestReplyGateway gateway;

	private final ApplicationEventPublisher events;

	private final RequestPool pool;

	@Autowired
	LedgerClient(RequestReplyGateway gateway, ApplicationEventPublisher events) {
		this(gateway, events, RequestPool.API);
	}

	private LedgerClient(RequestReplyGateway gateway, ApplicationEventPublisher events, RequestPool pool) {
		this.gateway = gateway;
		this.events = events;
		this.pool = pool;
	}

	/** The same client, its requests waiting in the storefront's pool. */
	public LedgerClient forStorefront() {
		return new LedgerClient(gateway, events, RequestPool.STOREFRONT);
	}

	public CompletableFuture<UserResult> create(@Nullable IdempotencyKey key) {
		String requestId = gateway.newRequestId();
		CreateUserRequest request = new CreateUserRequest(requestId, (key != null) ? key.value() : null);
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS_CREATE, CreateUserFunction.KEY, requestId,
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
		String requestId = gateway.newRequestId();
		UserCommand command = new UserCommand(requestId, (key != null) ? key.value() : null, operation,
				userId.value(), amount);
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, LedgerTopics.USERS, userId.value(), requestId,
				command, UserResponse.class)
			.thenApply(UserResponse::result)
			.thenApply(result -> {
				if (operation == UserOperation.REMOVE && result.outcome() == UserResult.Outcome.OK) {
					events.publishEvent(new UserRemoved(result.userId()));
				}
				return result;
			});
	}

	private BatchRequest initRequest(int index, long credit) {
		String userId = Integer.toString(index);
		String requestId = gateway.newRequestId();
		return new BatchRequest(LedgerTopics.USERS, userId, requestId,
				new UserCommand(requestId, null, UserOperation.INIT, userId, credit));
	}

}
