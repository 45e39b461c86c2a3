package io.statefront.stock;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.IdAllocatorFunction;
import io.statefront.platform.gateway.RequestPool;
import io.statefront.platform.gateway.RequestReplyGateway.BatchRequest;
import io.statefront.platform.gateway.RequestReplyGateway;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.IdempotencyKey;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends stock commands to the item functions and returns their answers; for the API and, waiting in
 * its own pool, the storefront's pages ({@link #forStorefront()}).
 */
@Component
public class StockClient {

	private final RequestReplyGateway gateway;

	private final RequestPool pool;

	@Autowired
	StockClient(RequestReplyGateway gateway) {
		this(gateway, RequestPool.API);
	}

	private StockClient(RequestReplyGateway gateway, RequestPool pool) {
		this.gateway = gateway;
		this.pool = pool;
	}

	/** The same client, its requests waiting in the storefront's pool. */
	public StockClient forStorefront() {
		return new StockClient(gateway, RequestPool.STOREFRONT);
	}

	CompletableFuture<ItemResult> create(long price, @Nullable IdempotencyKey key) {
		String requestId = gateway.newRequestId();
		CreateItemRequest request = new CreateItemRequest(requestId, (key != null) ? key.value() : null, price, 0);
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK_CREATE, IdAllocatorFunction.KEY, requestId,
				request, ItemResponse.class)
			.thenApply(ItemResponse::result);
	}

	/**
	 * Sets items {@code 0…n-1} to {@code stock} at {@code price}, opening those that do not exist,
	 * and keeps the create function from handing out their ids; completes when every item has
	 * answered.
	 */
	CompletableFuture<Void> batchInit(int n, long stock, long price) {
		return gateway.initialiseAll(FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK_CREATE, IdAllocatorFunction.KEY,
				new CreateItemRequest(null, null, 0, n), n,
				index -> initRequest(index, stock, price), ItemResponse.class);
	}

	/**
	 * Opens items {@code 0…n-1} with the stock and price of the {@code n} levels, in id order, and
	 * keeps the create function from handing out their ids; completes when every item has answered.
	 */
	public CompletableFuture<Void> initialise(List<StockLevel> levels) {
		for (int index = 0; index < levels.size(); index++) {
			if (!levels.get(index).itemId().equals(Integer.toString(index))) {
				throw new IllegalArgumentException("Item " + index + " has id " + levels.get(index).itemId());
			}
		}
		return gateway.initialiseAll(FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK_CREATE, IdAllocatorFunction.KEY,
				new CreateItemRequest(null, null, 0, levels.size()), levels.size(),
				index -> initRequest(index, levels.get(index).stock(), levels.get(index).price()),
				ItemResponse.class);
	}

	/** The item's stock and price, as its function answers. */
	public CompletableFuture<ItemResult> find(EntityId itemId) {
		return send(ItemOperation.FIND, itemId, 0, null);
	}

	public CompletableFuture<ItemResult> send(ItemOperation operation, EntityId itemId, long amount,
			@Nullable IdempotencyKey key) {
		String requestId = gateway.newRequestId();
		ItemCommand command = ItemCommand.request(requestId, (key != null) ? key.value() : null, operation,
				itemId.value(), amount);
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, StockTopics.STOCK, itemId.value(), requestId, command,
				ItemResponse.class)
			.thenApply(ItemResponse::result);
	}

	private BatchRequest initRequest(int index, long stock, long price) {
		String itemId = Integer.toString(index);
		String requestId = gateway.newRequestId();
		return new BatchRequest(StockTopics.STOCK, itemId, requestId,
				new ItemCommand(requestId, null, ItemOperation.INIT, itemId, stock, price, null));
	}

}
