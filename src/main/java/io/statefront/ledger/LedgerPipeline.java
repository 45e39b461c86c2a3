package io.statefront.ledger;

import io.statefront.platform.RetentionProperties;
import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import io.statefront.platform.flink.Horizons;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/** Connects the ledger's topology to its Kafka topics, as part of the "functions" job. */
@Component
class LedgerPipeline implements FlinkJobPart {

	private final Horizons horizons;

	LedgerPipeline(RetentionProperties retention) {
		this.horizons = Horizons.of(retention);
	}

	@Override
	public String job() {
		return FUNCTIONS_JOB;
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		DataStream<CreateUserRequest> createRequests = env
			.fromSource(kafka.commandSource(LedgerTopics.USERS_CREATE, CreateUserRequest.class),
					Horizons.commandTimestamps(), "users-create")
			.uid("users-create-source");
		DataStream<UserCommand> userCommands = env
			.fromSource(kafka.commandSource(LedgerTopics.USERS, UserCommand.class),
					Horizons.commandTimestamps(),
					"users")
			.uid("users-source");

		LedgerJob.Outputs outputs = LedgerJob.wire(createRequests, userCommands, horizons);

		outputs.newUsers()
			.sinkTo(kafka.sink(LedgerTopics.USERS, UserCommand::userId))
			.uid("new-users-sink")
			.name("users (new)");
		outputs.replies()
			.sinkTo(kafka.replySink(LedgerTopics.USER_EVENTS, UserResponse::requestId))
			.uid("user-events-sink")
			.name("user-events");
		outputs.sagaReplies().sinkTo(kafka.sagaReplySink()).uid("user-saga-replies-sink").name("user saga replies");
		if (kafka.keepsAppliedChanges()) {
			outputs.changes()
				.sinkTo(kafka.appliedChangesSink())
				.uid("user-changes-sink")
				.name(AppliedChange.TOPIC + " (users)");
		}
	}

}
