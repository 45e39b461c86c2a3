package io.statefront.platform.flink;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka sink, at least once, whose writers share one producer with every other sink of their job
 * in the same JVM and with the same settings ({@link SharedProducers}).
 *
 * <p>Flink's {@code KafkaSink} gives each sink its own producer: the functions job wrote through
 * fifteen, each with its own connection, I/O thread and produce requests, so the messages one
 * function emitted for one command (a reply, a saga step, an archived order, an applied change)
 * left in as many requests. Shared, whatever arrives while a request is in flight leaves together
 * in the next: the broker's work grows with its requests more than with their records.
 *
 * <p>At least once as Flink's sink is: a checkpoint's barrier waits in {@link Writer#flush} until
 * every record sent so far has been acknowledged, this writer's among them; a record Kafka fails
 * fails the writer's next call, and with it the task, which restarts from the last checkpoint.
 *
 * <p>It commits nothing, as Flink's sink committed nothing at least once; it keeps the committer
 * all the same, so that the jobs keep the operators Flink's sink gave them and restore from
 * checkpoints taken before: a checkpoint holding an operator the job no longer has is refused.
 */
final class SharedProducerSink<T> implements Sink<T>, SupportsCommitter<Void> {

	/** What a sink writes of an element. */
	interface Records<T> extends Serializable {

		ProducerRecord<byte[], byte[]> of(T element);

	}

	private final Map<String, String> producerSettings;

	private final Records<T> records;

	SharedProducerSink(Map<String, String> producerSettings, Records<T> records) {
		this.producerSettings = Map.copyOf(producerSettings);
		this.records = records;
	}

	@Override
	public CommittingSinkWriter<T, Void> createWriter(WriterInitContext context) {
		return new Writer<>(SharedProducers.lease(context.getJobInfo().getJobId(), producerSettings), records,
				context.metricGroup().getIOMetricGroup().getNumRecordsOutCounter(),
				context.metricGroup().getNumRecordsOutErrorsCounter());
	}

	@Override
	public Committer<Void> createCommitter(CommitterInitContext context) {
		return new NothingToCommit();
	}

	@Override
	public SimpleVersionedSerializer<Void> getCommittableSerializer() {
		return new NothingToCommit();
	}

	static final class Writer<T> implements CommittingSinkWriter<T, Void> {

		private final SharedProducers.Lease producer;

		private final Records<T> records;

		private final Counter written;

		private final Counter failed;

		/** The first failure Kafka reported for one of this writer's records, set on the producer's thread. */
		private volatile Exception failure;

		private volatile boolean closed;

		private final Callback delivery = (metadata, exception) -> {
			if (exception != null && failure == null && !closed) {
				failure = exception;
			}
		};

		Writer(SharedProducers.Lease producer, Records<T> records, Counter written, Counter failed) {
			this.producer = producer;
			this.records = records;
			this.written = written;
			this.failed = failed;
		}

		@Override
		public void write(T element, Context context) throws IOException {
			throwIfFailed();
			producer.get().send(records.of(element), delivery);
			written.inc();
		}

		/** Returns once every record sent so far, by any writer of the producer, has been acknowledged. */
		@Override
		public void flush(boolean endOfInput) throws IOException {
			producer.get().flush();
			throwIfFailed();
		}

		@Override
		public Collection<Void> prepareCommit() {
			return List.of();
		}

		@Override
		public void close() {
			closed = true;
			producer.release();
		}

		private void throwIfFailed() throws IOException {
			Exception cause = failure;
			if (cause != null) {
				failed.inc();
				producer.retire();
				throw new IOException("Kafka failed a record of this sink", cause);
			}
		}

	}

	/** The committer of a sink with nothing to commit: a writer never hands it anything. */
	static final class NothingToCommit implements Committer<Void>, SimpleVersionedSerializer<Void> {

		@Override
		public void commit(Collection<CommitRequest<Void>> requests) {
		}

		@Override
		public void close() {
		}

		@Override
		public int getVersion() {
			return 1;
		}

		@Override
		public byte[] serialize(Void committable) {
			throw new UnsupportedOperationException("A shared producer's sink has no committables");
		}

		@Override
		public Void deserialize(int version, byte[] serialized) {
			throw new UnsupportedOperationException("A shared producer's sink has no committables");
		}

	}

}
