package io.statefront.platform.explorer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.statefront.platform.flink.RestorePoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * What a restart from a restore point reads again from Kafka: per topic, the records between the
 * offsets its sources restore and the topics' ends now, and the time they span; and the first of
 * those records, which are applied again; and from when each partition is read again
 * ({@link ReplayStarts}), which tells the acknowledged writes a restart applies again. Nothing
 * acknowledged is lost: every message after the point, acknowledged or not, is read again, and the
 * functions answer a message they applied before with the answer they gave it (architecture rule 3).
 */
@Component
public class RestorePreview {

	/** How many of the records to replay are listed (all are counted). */
	static final int LISTED = 20;

	private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);

	private final String bootstrapServers;

	RestorePreview(KafkaConnectionDetails kafka) {
		this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
	}

	/** One topic's share of a replay: offsets from the restored ones to the end, and their times. */
	public record TopicReplay(String topic, long records, @Nullable Instant from, @Nullable Instant to) {
	}

	/** One record the restart reads again, its value cut short. */
	public record Replayed(String topic, int partition, long offset, Instant at, @Nullable String key, String value) {
	}

	/**
	 * @param topics per topic, what is read again
	 * @param first the first records read again, by time
	 * @param starts from when each partition is read again, to tell which writes the restart applies again
	 */
	public record Preview(List<TopicReplay> topics, List<Replayed> first, ReplayStarts starts) {

		public long records() {
			return topics.stream().mapToLong(TopicReplay::records).sum();
		}

	}

	public Preview preview(RestorePoint point) throws IOException, InterruptedException {
		Map<TopicPartition, Long> restored = SourceOffsets.read(point.uri());
		if (restored.isEmpty()) {
			return new Preview(List.of(), List.of(), new ReplayStarts(Map.of(), Map.of()));
		}
		long asked = System.currentTimeMillis();
		Map<TopicPartition, Long> logStarts = new HashMap<>();
		Map<TopicPartition, Long> starts = new HashMap<>();
		Map<TopicPartition, Long> ends = new HashMap<>();
		Map<TopicPartition, Long> newest = new HashMap<>();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, restored, OffsetSpec.earliest());
			Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, restored, OffsetSpec.latest());
			Map<TopicPartition, ListOffsetsResultInfo> maxTimestamp = offsets(admin, restored, OffsetSpec.maxTimestamp());
			restored.forEach((partition, offset) -> {
				long logStart = earliest.get(partition).offset();
				logStarts.put(partition, logStart);
				starts.put(partition, (offset < 0) ? logStart : Math.max(offset, logStart));
				ends.put(partition, latest.get(partition).offset());
				newest.put(partition, maxTimestamp.get(partition).timestamp());
			});
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("Kafka did not give the topics' offsets: " + ex.getMessage(), ex);
		}
		List<Replayed> first = firstRecords(starts, ends);
		Map<String, TopicReplay> byTopic = new TreeMap<>();
		Map<TopicPartition, Long> replayFrom = new HashMap<>();
		Map<TopicPartition, Long> firstTimes = new HashMap<>();
		starts.forEach((partition, start) -> {
			long records = Math.max(0, ends.get(partition) - start);
			Instant from = first.stream()
				.filter(record -> record.topic().equals(partition.topic()) && record.partition() == partition.partition())
				.map(Replayed::at)
				.min(Comparator.naturalOrder())
				.orElse(null);
			Instant to = (records > 0 && newest.get(partition) >= 0) ? Instant.ofEpochMilli(newest.get(partition)) : null;
			replayFrom.put(partition, replayedFrom(records, from, newest.get(partition), asked));
			if (from != null) {
				firstTimes.put(partition, from.toEpochMilli());
			}
			byTopic.merge(partition.topic(), new TopicReplay(partition.topic(), records, from, to), RestorePreview::add);
		});
		return new Preview(List.copyOf(byTopic.values()), first.stream().limit(LISTED).toList(),
				new ReplayStarts(replayFrom, SameMillisecond.before(bootstrapServers, starts, logStarts, firstTimes)));
	}

	/**
	 * From when a partition is read again: its first record to read again; with none, whatever comes
	 * after its newest record (or, in an empty log, whatever comes from now on). Should its first
	 * record not have been read in time, every message of the partition counts, so none is left out.
	 */
	private static long replayedFrom(long records, @Nullable Instant first, long newest, long asked) {
		if (records > 0) {
			return (first != null) ? first.toEpochMilli() : 0L;
		}
		return (newest >= 0) ? newest + 1 : asked;
	}

	private static TopicReplay add(TopicReplay a, TopicReplay b) {
		return new TopicReplay(a.topic(), a.records() + b.records(), earlier(a.from(), b.from()), later(a.to(), b.to()));
	}

	private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
	}

	private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
	}

	private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, Map<TopicPartition, Long> partitions,
			OffsetSpec spec) throws ExecutionException, InterruptedException, TimeoutException {
		Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
		partitions.keySet().forEach(partition -> asked.put(partition, spec));
		return admin.listOffsets(asked).all().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The first records after each partition's restored offset, by time; a few per partition at most. */
	private List<Replayed> firstRecords(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
		List<TopicPartition> replayed = starts.keySet().stream().filter(p -> ends.get(p) > starts.get(p)).toList();
		if (replayed.isEmpty()) {
			return List.of();
		}
		Properties settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(LISTED));
		List<Replayed> first = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(replayed);
			replayed.forEach(partition -> consumer.seek(partition, starts.get(partition)));
			Map<TopicPartition, Integer> taken = new HashMap<>();
			long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
			while (taken.size() < replayed.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (taken.getOrDefault(partition, 0) < LISTED) {
						taken.merge(partition, 1, Integer::sum);
						String value = String.valueOf(record.value());
						first.add(new Replayed(record.topic(), record.partition(), record.offset(),
								Instant.ofEpochMilli(record.timestamp()), record.key(),
								(value.length() > 160) ? value.substring(0, 160) + "…" : value));
					}
					if (taken.getOrDefault(partition, 0) >= LISTED) {
						consumer.pause(List.of(partition));
					}
				}
			}
		}
		first.sort(Comparator.comparing(Replayed::at).thenComparing(Replayed::topic).thenComparing(Replayed::offset));
		return first;
	}

}
