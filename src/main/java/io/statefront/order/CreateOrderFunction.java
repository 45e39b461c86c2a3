package io.statefront.order;

import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdAllocatorFunction;

/**
 * Hands out order ids and sends each new order its CREATE, through the orders topic; the order
 * then asks the user function whether its user exists before it opens.
 */
public class CreateOrderFunction extends IdAllocatorFunction<CreateOrderRequest, OrderMessage> {

	public CreateOrderFunction(Horizons horizons) {
		super("order", horizons);
	}

	@Override
	protected String idempotencyKey(CreateOrderRequest request) {
		return request.idempotencyKey();
	}

	@Override
	protected OrderMessage open(CreateOrderRequest request, String id) {
		return OrderMessage.create(request.requestId(), request.idempotencyKey(), id, request.userId());
	}

	@Override
	protected long reservesIdsBelow(CreateOrderRequest request) {
		return request.reserveIdsBelow();
	}

}
