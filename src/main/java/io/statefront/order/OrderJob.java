package io.statefront.order;

import io.statefront.ledger.UserCommand;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdAllocatorFunction;
import io.statefront.stock.ItemCommand;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The order service's topology, independent of where its input comes from and its output goes. */
public final class OrderJob {

	private OrderJob() {
	}

	/**
	 * What the order service emits: messages opening new orders, replies to waiting requests, and
	 * saga steps for the user and item functions, paid orders for the archive and refused checkouts.
	 */
	public record Outputs(DataStream<OrderMessage> newOrders, DataStream<OrderResponse> replies,
			DataStream<UserCommand> userSteps, DataStream<ItemCommand> itemSteps, DataStream<ArchivedOrder> archive,
			DataStream<RefusedCheckout> refusals) {
	}

	public static Outputs wire(DataStream<CreateOrderRequest> createRequests, DataStream<OrderMessage> orderMessages,
			Horizons horizons) {
		DataStream<OrderMessage> newOrders = createRequests.keyBy(request -> IdAllocatorFunction.KEY)
			.process(new CreateOrderFunction(horizons))
			.uid("create-order-function")
			.name("create order");
		SingleOutputStreamOperator<OrderResponse> replies = orderMessages.keyBy(OrderMessage::orderKey)
			.process(new OrderFunction(horizons))
			.uid("order-function")
			.name("order");
		return new Outputs(newOrders, replies, replies.getSideOutput(OrderOutputs.USER_STEPS),
				replies.getSideOutput(OrderOutputs.ITEM_STEPS), replies.getSideOutput(OrderOutputs.ARCHIVE),
				replies.getSideOutput(OrderOutputs.REFUSALS));
	}

}
