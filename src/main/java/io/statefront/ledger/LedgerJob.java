package io.statefront.ledger;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.flink.Horizons;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The ledger's topology, independent of where its input comes from and its output goes: the
 * Spring side connects it to Kafka, tests to in-memory sources.
 */
public final class LedgerJob {

	private LedgerJob() {
	}

	/**
	 * What the ledger emits: commands opening new users, replies to waiting requests, and answers
	 * to saga steps, and each change of credit with the message that made it.
	 */
	public record Outputs(DataStream<UserCommand> newUsers, DataStream<UserResponse> replies,
			DataStream<SagaReply> sagaReplies, DataStream<AppliedChange> changes) {
	}

	public static Outputs wire(DataStream<CreateUserRequest> createRequests, DataStream<UserCommand> userCommands,
			Horizons horizons) {
		DataStream<UserCommand> newUsers = createRequests.keyBy(request -> CreateUserFunction.KEY)
			.process(new CreateUserFunction(horizons))
			.uid("create-user-function")
			.name("create user");
		SingleOutputStreamOperator<UserResponse> replies = userCommands.keyBy(UserCommand::userId)
			.process(new UserFunction(horizons))
			.uid("user-function")
			.name("user");
		return new Outputs(newUsers, replies, replies.getSideOutput(UserFunction.SAGA_REPLIES),
				replies.getSideOutput(UserFunction.CHANGES));
	}

}
