package io.statefront.stock;

import io.statefront.platform.RetentionProperties;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.platform.flink.Horizons;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/** Connects the stock service's topology to its Kafka topics, as part of the "functions" job. */
@Component
class StockPipeline implements FlinkJobPart {

	private final Horizons horizons;

	StockPipeline(RetentionProperties retention) {
		this.horizons = Horizons.of(retention);
	}

	@Override
	public String job() {
		return FUNCTIONS_JOB;
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		DataStream<CreateItemRequest> createRequests = env
			.fromSource(kafka.commandSource(StockTopics.STOCK_CREATE, CreateItemRequest.class),
					Horizons.commandTimestamps(), "stock-create")
			.uid("stock-create-source");
		DataStream<ItemCommand> itemCommands = env
			.fromSource(kafka.commandSource(StockTopics.STOCK, ItemCommand.class),
					Horizons.commandTimestamps(),
					"stock")
			.uid("stock-source");

		StockJob.Outputs outputs = StockJob.wire(createRequests, itemCommands, horizons);

		outputs.newItems().sinkTo(kafka.sink(StockTopics.STOCK, ItemCommand::itemId)).uid("new-items-sink")
			.name("stock (new)");
		outputs.replies()
			.sinkTo(kafka.replySink(StockTopics.STOCK_EVENTS, ItemResponse::requestId))
			.uid("stock-events-sink")
			.name("stock-events");
		outputs.sagaReplies().sinkTo(kafka.sagaReplySink()).uid("item-saga-replies-sink").name("item saga replies");
		outputs.levels()
			.sinkTo(kafka.sink(StockLevel.TOPIC, StockLevel::itemId))
			.uid("stock-levels-sink")
			.name(StockLevel.TOPIC);
		if (kafka.keepsAppliedChanges()) {
			outputs.changes()
				.sinkTo(kafka.appliedChangesSink())
				.uid("item-changes-sink")
				.name(AppliedChange.TOPIC + " (items)");
		}
	}

}
