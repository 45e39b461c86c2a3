package io.statefront.platform.flink;

import io.statefront.platform.flink.FlinkKafka.JsonDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A command topic's messages, each with the {@link FunctionTrace} its headers carry when it is
 * {@link Traced}: what the trace costs a message without one is a look for its header.
 */
final class TracedDeserializer<T> implements KafkaRecordDeserializationSchema<T> {

	private final JsonDeserializationSchema<T> json;

	TracedDeserializer(JsonDeserializationSchema<T> json) {
		this.json = json;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
		T message = json.deserialize(record.value());
		if (message == null) {
			return;
		}
		if (message instanceof Traced<?> traced) {
			FunctionTrace trace = FunctionTrace.of(record.headers());
			if (trace != null) {
				message = (T) traced.withTrace(trace);
			}
		}
		out.collect(message);
	}

	@Override
	public TypeInformation<T> getProducedType() {
		return json.getProducedType();
	}

}
