package io.statefront.ledger;

import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdAllocatorFunction;

/** Hands out user ids and opens each new user with a CREATE command through the users topic. */
public class CreateUserFunction extends IdAllocatorFunction<CreateUserRequest, UserCommand> {

	public CreateUserFunction(Horizons horizons) {
		super("user", horizons);
	}

	@Override
	protected String idempotencyKey(CreateUserRequest request) {
		return request.idempotencyKey();
	}

	@Override
	protected UserCommand open(CreateUserRequest request, String id) {
		return new UserCommand(request.requestId(), null, UserOperation.CREATE, id, 0);
	}

	@Override
	protected long reservesIdsBelow(CreateUserRequest request) {
		return request.reserveIdsBelow();
	}

}
