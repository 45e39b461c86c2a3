package io.statefront.stock;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.Horizons;
import io.statefront.platform.flink.IdAllocatorFunction;
import io.statefront.platform.saga.SagaReply;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The stock service's topology, independent of where its input comes from and its output goes. */
public final class StockJob {

	private StockJob() {
	}

	/**
	 * What the stock service emits: commands opening new items, replies to waiting requests and
	 * sagas, every item's level as it changes, and each change with the message that made it.
	 */
	public record Outputs(DataStream<ItemCommand> newItems, DataStream<ItemResponse> replies,
			DataStream<SagaReply> sagaReplies, DataStream<StockLevel> levels, DataStream<AppliedChange> changes) {
	}

	public static Outputs wire(DataStream<CreateItemRequest> createRequests, DataStream<ItemCommand> itemCommands,
			Horizons horizons) {
		DataStream<ItemCommand> newItems = createRequests.keyBy(request -> IdAllocatorFunction.KEY)
			.process(new CreateItemFunction(horizons))
			.uid("create-item-function")
			.name("create item");
		SingleOutputStreamOperator<ItemResponse> replies = itemCommands.keyBy(ItemCommand::itemId)
			.process(new ItemFunction(horizons))
			.uid("item-function")
			.name("item");
		return new Outputs(newItems, replies, replies.getSideOutput(ItemFunction.SAGA_REPLIES),
				replies.getSideOutput(ItemFunction.LEVELS), replies.getSideOutput(ItemFunction.CHANGES));
	}

}
