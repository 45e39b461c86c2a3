package io.statefront.order;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

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
 * Sends order messages to the order functions and returns their answers; for the API and, waiting
 * in its own pool, the storefront ({@link #forStorefront()}).
 */
@Component
public class OrderClient {

	private final RequestReplyGateway gateway;

	private final OrderArchive archive;

	private final RequestPool pool;

	@Autowired
	OrderClient(RequestReplyGateway gateway, OrderArchive archive) {
		this(gateway, archive, RequestPool.API);
	}

	private OrderClient(RequestReplyGateway gateway, OrderArchive archive, RequestPool pool) {
		this.gateway = gateway;
		this.archive = archive;
		this.pool = pool;
	}

	/** The same client, its requests waiting in the storefront's pool. */
	public OrderClient forStorefront() {
		return new OrderClient(gateway, archive, RequestPool.STOREFRONT);
	}

	public CompletableFuture<OrderResult> create(EntityId userId, @Nullable IdempotencyKey key) {
		String requestId = gateway.newRequestId();
		CreateOrderRequest request = new CreateOrderRequest(requestId, value(key), userId.value(), 0);
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, OrderTopics.ORDERS_CREATE, IdAllocatorFunction.KEY,
				requestId, request, OrderResponse.class)
			.thenApply(OrderResponse::result);
	}

	public CompletableFuture<OrderResult> find(EntityId orderId) {
		return send(OrderMessage.request(gateway.newRequestId(), null, OrderOperation.FIND,
				orderId.value()));
	}

	public CompletableFuture<OrderResult> addItem(EntityId orderId, EntityId itemId, long quantity,
			@Nullable IdempotencyKey key) {
		return send(OrderMessage.addItem(gateway.newRequestId(), value(key), orderId.value(),
				itemId.value(), quantity));
	}

	public CompletableFuture<OrderResult> checkout(EntityId orderId, @Nullable IdempotencyKey key) {
		return send(OrderMessage.request(gateway.newRequestId(), value(key), OrderOperation.CHECKOUT,
				orderId.value()));
	}

	/**
	 * Sets orders {@code 0…n-1}, each to a random user below {@code users} with two random items
	 * below {@code items}, one of each, unpaid; completes when every order has answered.
	 */
	CompletableFuture<Void> batchInit(int n, int items, int users, long itemPrice) {
		long cost = Math.multiplyExact(2, itemPrice);
		return gateway.initialiseAll(FlinkJobPart.FUNCTIONS_JOB, OrderTopics.ORDERS_CREATE, IdAllocatorFunction.KEY,
				new CreateOrderRequest(null, null, null, n), n,
				index -> initRequest(index, items, users, cost), OrderResponse.class);
	}

	private CompletableFuture<OrderResult> send(OrderMessage message) {
		return gateway.request(pool, FlinkJobPart.FUNCTIONS_JOB, OrderTopics.ORDERS, message.orderId(),
				message.requestId(), message, OrderResponse.class)
			.thenCompose(response -> orArchived(message, response.result()));
	}

	/**
	 * An order the functions no longer know may be a paid one they have forgotten: then the archive
	 * answers, a read with the order and anything else as refused for an order already paid.
	 */
	private CompletableFuture<OrderResult> orArchived(OrderMessage message, OrderResult result) {
		if (result.outcome() != OrderResult.Outcome.NOT_FOUND) {
			return CompletableFuture.completedFuture(result);
		}
		return archive.read(() -> archive.find(message.orderId())
			.map(archived -> (message.operation() == OrderOperation.FIND)
					? OrderResult.ok(message.orderId(), archived.asOrder()).paidAt(archived.paidAt())
					: OrderResult.refused(OrderResult.Outcome.ALREADY_PAID, message.orderId(), archived.asOrder()))
			.orElse(result));
	}

	private static @Nullable String value(@Nullable IdempotencyKey key) {
		return (key != null) ? key.value() : null;
	}

	/** Order {@code index}, for a random user below {@code users} with two random items below {@code items}. */
	private BatchRequest initRequest(int index, int items, int users, long cost) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String orderId = Integer.toString(index);
		String requestId = gateway.newRequestId();
		List<OrderLine> lines = List.of(new OrderLine(Integer.toString(random.nextInt(items)), 1),
				new OrderLine(Integer.toString(random.nextInt(items)), 1));
		return new BatchRequest(OrderTopics.ORDERS, orderId, requestId,
				OrderMessage.init(requestId, orderId, Integer.toString(random.nextInt(users)), lines, cost));
	}

}
