package io.statefront.stock;

import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdAllocatorFunction;

/** Hands out item ids and opens each new item, with its price, through the stock topic. */
public class CreateItemFunction extends IdAllocatorFunction<CreateItemRequest, ItemCommand> {

	public CreateItemFunction(Horizons horizons) {
		super("item", horizons);
	}

	@Override
	protected String idempotencyKey(CreateItemRequest request) {
		return request.idempotencyKey();
	}

	@Override
	protected ItemCommand open(CreateItemRequest request, String id) {
		// the client's key goes along: the item answers a key used again for another price as reused
		return new ItemCommand(request.requestId(), request.idempotencyKey(), ItemOperation.CREATE, id, 0,
				request.price(), null);
	}

	@Override
	protected long reservesIdsBelow(CreateItemRequest request) {
		return request.reserveIdsBelow();
	}

}
