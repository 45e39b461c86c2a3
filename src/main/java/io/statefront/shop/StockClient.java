package io.statefront.shop;

import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.IdAllocatorFunction;
import io.statefront.platform.gateway.RequestReplyGateway;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Sends stock commands to the item functions and returns their answers. */
@Component
class StockClient {

	private final RequestReplyGateway gateway;

	StockClient(RequestReplyGateway gateway) {
		this.gateway = gateway;
	}

	CompletableFuture<ItemResult> create(long price, @Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		CreateItemRequest request = new CreateItemRequest(requestId, (key != null) ? key.value() : null, price);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK_CREATE, IdAllocatorFunction.KEY, requestId,
				request, ItemResponse.class)
			.thenApply(ItemResponse::result);
	}

	CompletableFuture<ItemResult> send(ItemOperation operation, EntityId itemId, long amount,
			@Nullable IdempotencyKey key) {
		String requestId = RequestReplyGateway.newRequestId();
		ItemCommand command = new ItemCommand(requestId, (key != null) ? key.value() : null, operation,
				itemId.value(), amount);
		return gateway.request(FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK, itemId.value(), requestId, command,
				ItemResponse.class)
			.thenApply(ItemResponse::result);
	}

}
