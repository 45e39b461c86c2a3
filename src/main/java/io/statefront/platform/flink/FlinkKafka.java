package io.statefront.platform.flink;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.statefront.platform.kafka.BatchedFetches;
import io.statefront.platform.kafka.Json;
import io.statefront.platform.kafka.ReplyPartitions;
import io.statefront.platform.saga.SagaReply;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka sources and sinks for Flink jobs, carrying the JSON messages of {@link Json}.
 *
 * <p>Sinks leave the partition to the producer's default partitioner (murmur2 of the key bytes),
 * exactly as the web layer's producer does, so every writer of an entity topic puts one entity's
 * messages into one partition (architecture rule 2).
 */
public final class FlinkKafka {

	/** The header {@code ReplyingKafkaTemplate} matches replies by. */
	public static final String CORRELATION_HEADER = "kafka_correlationId";

	private final String bootstrapServers;

	private final String groupId;

	private final boolean keepsAppliedChanges;

	private final boolean rebuildsFromTruncatedLog;

	private final Set<String> commandTopics = new LinkedHashSet<>();

	/**
	 * Sources of one job, reading (and committing offsets) as the consumer group {@code groupId};
	 * {@code keepsAppliedChanges} says whether the functions write their {@link AppliedChange}s.
	 */
	public FlinkKafka(String bootstrapServers, String groupId, boolean keepsAppliedChanges) {
		this(bootstrapServers, groupId, keepsAppliedChanges, false);
	}

	/**
	 * As {@link #FlinkKafka(String, String, boolean)}; {@code rebuildsFromTruncatedLog} starts the
	 * command sources' new partitions at the log's start rather than at offset 0 (see
	 * {@link FailClosedOffsets}), for an explicit rebuild from command logs that lost their beginning.
	 */
	public FlinkKafka(String bootstrapServers, String groupId, boolean keepsAppliedChanges,
			boolean rebuildsFromTruncatedLog) {
		this.bootstrapServers = bootstrapServers;
		this.groupId = groupId;
		this.keepsAppliedChanges = keepsAppliedChanges;
		this.rebuildsFromTruncatedLog = rebuildsFromTruncatedLog;
	}

	public boolean keepsAppliedChanges() {
		return keepsAppliedChanges;
	}

	/**
	 * A source of an entity's command topic ({@code users}, {@code stock}, {@code orders}, the
	 * {@code *-create} topics; saga replies travel on them too). The functions' state is built from
	 * every command of these logs, so the source never guesses where to read (architecture rule 9):
	 * a restore takes its offsets from the checkpoint and fails the job should the log no longer
	 * hold them; without a restore point it replays the whole log from offset 0, and fails should
	 * the log no longer begin there ({@link FailClosedOffsets}); never from committed offsets, which
	 * would skip the commands the lost state was built from. Whether the log still starts at offset 0
	 * is also checked before a job without a restore point is submitted, to refuse it with a clear
	 * reason: the topic is listed in {@link #commandTopics()}.
	 */
	public <T> KafkaSource<T> commandSource(String topic, Class<T> type) {
		commandTopics.add(topic);
		return source(topic, new TracedDeserializer<>(new JsonDeserializationSchema<>(type)),
				new FailClosedOffsets(rebuildsFromTruncatedLog), Map.of());
	}

	/**
	 * A source of an event topic (shop events, website events) whose readers only summarise what
	 * they see (recommendations, analytics): an event retention has taken away before it was read
	 * makes a window or a behaviour profile a little poorer, it breaks nothing a later message
	 * relies on. So a restored offset no longer in the log resumes at the log's first offset, and
	 * the job goes on with what is there.
	 */
	public <T> KafkaSource<T> eventSource(String topic, Class<T> type) {
		return source(topic, KafkaRecordDeserializationSchema.valueOnly(new JsonDeserializationSchema<>(type)),
				OffsetsInitializer.earliest(), Map.of());
	}

	/**
	 * As {@link #eventSource(String, Class)}, for a reader whose results nobody waits on within a
	 * fraction of a second (windows of seconds): it fetches in batches ({@link BatchedFetches}).
	 */
	public <T> KafkaSource<T> batchedEventSource(String topic, Class<T> type) {
		return source(topic, KafkaRecordDeserializationSchema.valueOnly(new JsonDeserializationSchema<>(type)),
				OffsetsInitializer.earliest(), BatchedFetches.settings());
	}

	/** The command topics the sources built so far read: see {@link #commandSource(String, Class)}. */
	public Set<String> commandTopics() {
		return Collections.unmodifiableSet(commandTopics);
	}

	private <T> KafkaSource<T> source(String topic, KafkaRecordDeserializationSchema<T> deserializer,
			OffsetsInitializer startingOffsets, Map<String, String> settings) {
		KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
			.setBootstrapServers(bootstrapServers)
			.setTopics(topic)
			.setGroupId(groupId)
			.setStartingOffsets(startingOffsets)
			.setDeserializer(deserializer)
			// as for the sinks (see builder)
			.setProperty("register.consumer.metrics", Boolean.toString(false));
		settings.forEach(builder::setProperty);
		return builder.build();
	}

	/** A sink keyed by {@code key}; no replies. */
	public <T> Sink<T> sink(String topic, SerializableFunction<T, String> key) {
		return sink(topic, key, null);
	}

	/**
	 * A sink of replies: keyed by {@code key}, with the correlation header a waiting
	 * {@code ReplyingKafkaTemplate} matches them by, on the partition the request id names when it
	 * names one ({@link ReplyPartitions}: the partition the asking instance listens to).
	 */
	public <T> Sink<T> replySink(String topic, SerializableFunction<T, String> requestId) {
		return sink(topic, requestId, requestId);
	}

	/**
	 * A sink of saga replies: each to its coordinator's topic, keyed by the saga id, wrapped as
	 * {@code {"reply": ...}} (see {@link SagaReply}).
	 */
	public Sink<SagaReply> sagaReplySink() {
		return new SharedProducerSink<>(producerSettings(0), new SagaReplyRecords());
	}

	/**
	 * The sink of {@link AppliedChange}s, keyed by entity, each stamped with the time of the message
	 * that made it. At least once: a restore writes the changes made since its checkpoint again, as
	 * identical records, which the readers of the log collapse (see {@link AppliedChange}); no
	 * transaction, so nothing ties the log's readers or the broker's transaction timeout to the
	 * checkpoint interval. Nobody waits on these writes, so they linger to travel in batches: one
	 * produce request per batch rather than per change on the functions' hot path (a producer of
	 * their own, as its settings differ).
	 */
	public Sink<AppliedChange> appliedChangesSink() {
		return new SharedProducerSink<>(producerSettings(20), new AppliedChangeRecords());
	}

	private <T> Sink<T> sink(String topic, SerializableFunction<T, String> key,
			SerializableFunction<T, String> correlationId) {
		return new SharedProducerSink<>(producerSettings(0), new JsonRecords<>(topic, key, correlationId));
	}

	private Map<String, String> producerSettings(int lingerMs) {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
				// the broker reads a connection's next request only once it has answered the last, so a
				// second request in flight waits there all the same: held back in the producer instead, the
				// records that arrive meanwhile leave together in one request. Under load fewer requests carry
				// the same records (the broker's work grows with its requests more than with their records);
				// at low rates every record still leaves at once
				ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
				ProducerConfig.ACKS_CONFIG, "all");
	}

	public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
	}

	static final class JsonRecords<T> implements SharedProducerSink.Records<T> {

		private final String topic;

		private final SerializableFunction<T, String> key;

		private final SerializableFunction<T, String> correlationId;

		JsonRecords(String topic, SerializableFunction<T, String> key,
				SerializableFunction<T, String> correlationId) {
			this.topic = topic;
			this.key = key;
			this.correlationId = correlationId;
		}

		@Override
		public ProducerRecord<byte[], byte[]> of(T element) {
			RecordHeaders headers = new RecordHeaders();
			if (element instanceof Traced<?> traced && traced.trace() != null) {
				traced.trace().writeTo(headers, correlationId != null);
			}
			Integer partition = null;
			if (correlationId != null) {
				String id = correlationId.apply(element);
				headers.add(new RecordHeader(CORRELATION_HEADER, utf8(id)));
				int named = ReplyPartitions.of(id);
				partition = (named >= 0) ? named : null;
			}
			return new ProducerRecord<>(topic, partition, null, utf8(key.apply(element)), Json.write(element), headers);
		}

	}

	static final class AppliedChangeRecords implements SharedProducerSink.Records<AppliedChange> {

		@Override
		public ProducerRecord<byte[], byte[]> of(AppliedChange change) {
			Long at = Horizons.known(change.at()) ? change.at() : null;
			return new ProducerRecord<>(AppliedChange.TOPIC, null, at, utf8(change.entity()), Json.write(change));
		}

	}

	static final class SagaReplyRecords implements SharedProducerSink.Records<SagaReply> {

		@Override
		public ProducerRecord<byte[], byte[]> of(SagaReply reply) {
			return new ProducerRecord<>(reply.replyTopic(), utf8(reply.sagaId()),
					Json.write(new SagaReply.Envelope(reply)));
		}

	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	static final class JsonDeserializationSchema<T> implements DeserializationSchema<T> {

		private static final Logger log = LoggerFactory.getLogger(JsonDeserializationSchema.class);

		private final Class<T> type;

		JsonDeserializationSchema(Class<T> type) {
			this.type = type;
		}

		/** A record that is not a valid message is logged and skipped, never a poison pill. */
		@Override
		public T deserialize(byte[] message) {
			if (message == null) {
				return null;
			}
			try {
				return Json.read(message, type);
			}
			catch (RuntimeException ex) {
				log.warn("Skipping a record that is not a valid {}: {}", type.getSimpleName(), ex.getMessage());
				return null;
			}
		}

		@Override
		public boolean isEndOfStream(T nextElement) {
			return false;
		}

		@Override
		public TypeInformation<T> getProducedType() {
			return TypeInformation.of(type);
		}

	}

}
