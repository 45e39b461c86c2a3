package io.statefront.platform.flink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.statefront.ledger.UserCommand;
import io.statefront.ledger.UserFunction;
import io.statefront.ledger.UserOperation;
import io.statefront.ledger.UserResponse;
import io.statefront.platform.flink.FlinkKafka.JsonDeserializationSchema;
import io.statefront.platform.flink.FlinkKafka.JsonRecords;
import io.statefront.platform.kafka.Json;
import io.statefront.support.FunctionHarness;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace context's way through Flink: in from a command's Kafka headers, with the message
 * through its function, and out in the reply's headers with Flink's times; never in the JSON.
 */
class FunctionTraceTest {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void aCommandsTraceComesFromItsHeadersAndNeverFromOrIntoItsJson() {
		UserCommand traced = command().withTrace(new FunctionTrace(TRACEPARENT, 1));

		String json = new String(Json.write(traced), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("trace").doesNotContain(TRACEPARENT);
		assertThat(Json.read(Json.write(traced), UserCommand.class)).isEqualTo(command());

		UserCommand read = read(record(json, TRACEPARENT, null));
		assertThat(read.trace().traceparent()).isEqualTo(TRACEPARENT);
		assertThat(read.trace().receivedMicros()).isPositive();
		assertThat(read.withTrace(null)).isEqualTo(command());
	}

	@Test
	void aMessageAnEarlierFunctionSentOnKeepsTheTimeTheRequestFirstArrived() {
		String json = new String(Json.write(command()), StandardCharsets.UTF_8);

		assertThat(read(record(json, TRACEPARENT, "1234")).trace()).isEqualTo(new FunctionTrace(TRACEPARENT, 1234));
		assertThat(read(record(json, null, null)).trace()).as("untraced").isNull();
	}

	@Test
	void theFunctionsAnswerCarriesTheTraceOutInTheRepliesHeadersWithTheTimeItLeft() throws Exception {
		FunctionTrace trace = new FunctionTrace(TRACEPARENT, 1234);
		UserResponse answer;
		try (FunctionHarness<UserCommand, UserResponse> users = FunctionHarness
			.open(() -> new UserFunction(Horizons.defaults()), UserCommand::userId)) {
			users.process(new UserCommand("r1", null, UserOperation.CREATE, "7", 0, null).withTrace(trace), 1);
			answer = users.latestOutput();
		}
		assertThat(answer.trace()).isEqualTo(trace);

		long before = FunctionTrace.nowMicros();
		ProducerRecord<byte[], byte[]> reply = new JsonRecords<UserResponse>("user-events",
				UserResponse::requestId, UserResponse::requestId)
			.of(answer);

		Headers headers = reply.headers();
		assertThat(new String(headers.lastHeader(FunctionTrace.TRACEPARENT).value(), StandardCharsets.US_ASCII))
			.isEqualTo(TRACEPARENT);
		assertThat(FunctionTrace.micros(headers, FunctionTrace.RECEIVED)).isEqualTo(1234);
		assertThat(FunctionTrace.micros(headers, FunctionTrace.ANSWERED)).isGreaterThanOrEqualTo(before);
		assertThat(new String(reply.value(), StandardCharsets.UTF_8)).doesNotContain("trace");

		ProducerRecord<byte[], byte[]> untraced = new JsonRecords<UserResponse>("user-events",
				UserResponse::requestId, UserResponse::requestId)
			.of(answer.withTrace(null));
		assertThat(untraced.headers().lastHeader(FunctionTrace.TRACEPARENT)).isNull();
		assertThat(untraced.headers().lastHeader(FunctionTrace.ANSWERED)).isNull();
	}

	private static UserCommand command() {
		return new UserCommand("r1", "key-1", UserOperation.ADD_CREDIT, "7", 5, null);
	}

	private static UserCommand read(ConsumerRecord<byte[], byte[]> record) {
		List<UserCommand> out = new ArrayList<>();
		new TracedDeserializer<>(new JsonDeserializationSchema<>(UserCommand.class)).deserialize(record,
				new ListCollector<>(out));
		assertThat(out).hasSize(1);
		return out.get(0);
	}

	private static ConsumerRecord<byte[], byte[]> record(String json, String traceparent, String received) {
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("users", 0, 0, "7".getBytes(StandardCharsets.UTF_8),
				json.getBytes(StandardCharsets.UTF_8));
		if (traceparent != null) {
			record.headers().add(new RecordHeader(FunctionTrace.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII)));
		}
		if (received != null) {
			record.headers().add(new RecordHeader(FunctionTrace.RECEIVED, received.getBytes(StandardCharsets.US_ASCII)));
		}
		return record;
	}

}
