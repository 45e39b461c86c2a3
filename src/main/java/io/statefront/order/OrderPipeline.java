package io.statefront.order;

import io.statefront.ledger.UserCommand;
import io.statefront.platform.RetentionProperties;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.platform.flink.Horizons;
import io.statefront.stock.ItemCommand;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/**
 * Connects the order service's topology to its Kafka topics, as part of the "functions" job. Saga
 * steps leave through the users and stock topics, like every other message to a user or an item.
 */
@Component
class OrderPipeline implements FlinkJobPart {

	private final Horizons horizons;

	OrderPipeline(RetentionProperties retention) {
		this.horizons = Horizons.of(retention);
	}

	@Override
	public String job() {
		return FUNCTIONS_JOB;
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		DataStream<CreateOrderRequest> createRequests = env
			.fromSource(kafka.commandSource(OrderTopics.ORDERS_CREATE, CreateOrderRequest.class),
					Horizons.commandTimestamps(), "orders-create")
			.uid("orders-create-source");
		DataStream<OrderMessage> orderMessages = env
			.fromSource(kafka.commandSource(OrderTopics.ORDERS, OrderMessage.class),
					Horizons.commandTimestamps(),
					"orders")
			.uid("orders-source");

		OrderJob.Outputs outputs = OrderJob.wire(createRequests, orderMessages, horizons);

		outputs.newOrders().sinkTo(kafka.sink(OrderTopics.ORDERS, OrderMessage::orderKey)).uid("new-orders-sink")
			.name("orders (new)");
		outputs.replies()
			.sinkTo(kafka.replySink(OrderTopics.ORDER_EVENTS, OrderResponse::requestId))
			.uid("order-events-sink")
			.name("order-events");
		outputs.userSteps().sinkTo(kafka.sink(UserCommand.TOPIC, UserCommand::userId)).uid("order-user-steps-sink")
			.name("users (order steps)");
		outputs.itemSteps().sinkTo(kafka.sink(ItemCommand.TOPIC, ItemCommand::itemId)).uid("order-item-steps-sink")
			.name("stock (order steps)");
		outputs.archive()
			.sinkTo(kafka.sink(ArchivedOrder.TOPIC, ArchivedOrder::orderId))
			.uid("order-archive-sink")
			.name(ArchivedOrder.TOPIC);
		outputs.refusals()
			.sinkTo(kafka.sink(RefusedCheckout.TOPIC, RefusedCheckout::orderId))
			.uid("checkout-refusals-sink")
			.name(RefusedCheckout.TOPIC);
	}

}
