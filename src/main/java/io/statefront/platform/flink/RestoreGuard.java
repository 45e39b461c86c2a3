package io.statefront.platform.flink;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job whose state is built from command logs starts only where it can go on exactly
 * (architecture rule 9): never from a partial log, never from a restored offset the log no longer
 * holds, never from state this build cannot read. The reason a job was refused or stopped is kept
 * (for health and the console) until the job is submitted again, and logged once as an error.
 *
 * <p>A first start (no restore point) is checked before it is submitted: each command topic must
 * still begin at offset 0. A restore is caught as it fails, since Flink's restart strategy would
 * retry either failure forever: {@link FailClosedOffsets} makes the source's consumer throw
 * {@code OffsetOutOfRangeException}, and state written by another version of the application
 * (a state type this build does not have) fails every task that restores it. Once the job's latest
 * failure is one of those, the job is cancelled, and the operator chooses what it restarts from.
 */
final class RestoreGuard {

	private static final Logger log = LoggerFactory.getLogger(RestoreGuard.class);

	// kafka-clients' FetchCollector: "Fetch position FetchPosition{offset=3, offsetEpoch=..., ...}
	// is out of range for partition users-1"
	private static final Pattern OUT_OF_RANGE = Pattern.compile(
			"OffsetOutOfRangeException: Fetch position FetchPosition\\{offset=(\\d+).*? is out of range for partition (\\S+)-(\\d+)");

	// flink-core's PojoSerializerSnapshotData and TypeSerializerSnapshot: "Could not find class
	// 'io.statefront.shop.Order' in classpath."
	private static final Pattern UNKNOWN_STATE_TYPE = Pattern.compile("Could not find class '([^']+)' in classpath");

	private static final long INSPECTION_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final int ADMIN_TIMEOUT_MS = 10_000;

	private final String bootstrapServers;

	private final boolean rebuildFromTruncatedLog;

	private final Map<String, String> reasons = new ConcurrentHashMap<>();

	private final Map<String, Long> nextInspection = new ConcurrentHashMap<>();

	RestoreGuard(String bootstrapServers, boolean rebuildFromTruncatedLog) {
		this.bootstrapServers = bootstrapServers;
		this.rebuildFromTruncatedLog = rebuildFromTruncatedLog;
	}

	/**
	 * Why the named job, which has no restore point, must not start on its command topics; empty
	 * when each of them still starts at offset 0 (or does not exist yet). A refusal is recorded.
	 */
	Optional<String> refuseFirstStart(String job, Collection<String> commandTopics) {
		reasons.remove(job);
		if (commandTopics.isEmpty()) {
			return Optional.empty();
		}
		Map<TopicPartition, Long> truncated = new TreeMap<>(
				Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
		earliestOffsets(commandTopics).forEach((partition, start) -> {
			if (start > 0) {
				truncated.put(partition, start);
			}
		});
		if (truncated.isEmpty()) {
			return Optional.empty();
		}
		String partitions = truncated.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " starts at offset " + entry.getValue())
			.reduce((a, b) -> a + ", " + b)
			.orElseThrow();
		if (rebuildFromTruncatedLog) {
			log.warn("Flink job '{}' has no restore point and rebuilds its state from partial command logs ({}), as "
					+ "statefront.flink.rebuild-from-truncated-log asks: what the deleted records built is lost", job,
					partitions);
			return Optional.empty();
		}
		return Optional.of(refuse(job, "Flink job '" + job + "' not started: it has no restore point, and its command "
				+ "log no longer starts at offset 0 (" + partitions + "), so its state would be rebuilt from a partial log. "
				+ "Restore a retained checkpoint or savepoint, or rebuild explicitly (docs/operations.md)"));
	}

	/**
	 * Looks at a job that is failing: if its latest failure is a restored offset its command log
	 * no longer holds, records why and cancels it. At most once a second per job.
	 */
	void inspect(FlinkRuntime.RunningJob job, JobStatus status, RestClusterClient<?> client) {
		if (reasons.containsKey(job.name())
				|| !(status == JobStatus.RESTARTING || status == JobStatus.FAILING || status == JobStatus.FAILED)) {
			return;
		}
		long now = System.nanoTime();
		Long next = nextInspection.get(job.name());
		if (next != null && now - next < 0) {
			return;
		}
		nextInspection.put(job.name(), now + INSPECTION_INTERVAL_NANOS);
		List<String> failure;
		try {
			failure = JobQueries.latestFailure(client, job.id()).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			return;
		}
		Optional<String> reason = failure.stream()
			.map(line -> offsetGone(job, line).or(() -> unreadableState(job, line)))
			.flatMap(Optional::stream)
			.findFirst();
		reason.ifPresent(why -> {
			refuse(job.name(), why);
			if (!status.isGloballyTerminalState()) {
				client.cancel(job.id()).whenComplete((ack, error) -> {
					if (error != null) {
						log.warn("Cancelling Flink job '{}' failed: {}", job.name(), error.toString());
					}
				});
			}
		});
	}

	private Optional<String> offsetGone(FlinkRuntime.RunningJob job, String failure) {
		Matcher match = OUT_OF_RANGE.matcher(failure);
		if (!match.find()) {
			return Optional.empty();
		}
		TopicPartition partition = new TopicPartition(match.group(2), Integer.parseInt(match.group(3)));
		long restored = Long.parseLong(match.group(1));
		String position = job.restoredFrom()
			.map(from -> "it restored offset " + restored + " of " + partition + " from " + from)
			.orElse("it has no restore point and read " + partition + " from offset " + restored);
		return Optional.of("Flink job '" + job.name() + "' stopped: " + position + ", but "
				+ whatTheLogHolds(partition, restored) + ", so it cannot resume without skipping commands. Restart "
				+ "it from a restore point the log still holds, or rebuild explicitly (docs/operations.md)");
	}

	static Optional<String> unreadableState(FlinkRuntime.RunningJob job, String failure) {
		Matcher match = UNKNOWN_STATE_TYPE.matcher(failure);
		if (!match.find() || job.restoredFrom().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("Flink job '" + job.name() + "' stopped: its restore point " + job.restoredFrom().get()
				+ " holds state of type " + match.group(1) + ", which this build does not have (another version of "
				+ "the application wrote it). Restart it from a restore point this version wrote, or see "
				+ "\"Upgrading\" in docs/operations.md");
	}

	/** Why the named job is not running, if this guard refused or stopped it. */
	Optional<String> reason(String job) {
		return Optional.ofNullable(reasons.get(job));
	}

	Map<String, String> reasons() {
		return Map.copyOf(reasons);
	}

	/** The job is submitted again: whatever it was refused for is for the new run to show. */
	void clear(String job) {
		reasons.remove(job);
	}

	/** Records why the named job is not running, logged once. */
	String refuse(String job, String reason) {
		if (reasons.put(job, reason) == null) {
			log.error(reason);
		}
		return reason;
	}

	private String whatTheLogHolds(TopicPartition partition, long restored) {
		try {
			long start = offsets(List.of(partition.topic()), OffsetSpec.earliest()).getOrDefault(partition, -1L);
			long end = offsets(List.of(partition.topic()), OffsetSpec.latest()).getOrDefault(partition, -1L);
			if (start > restored) {
				return "that log now starts at offset " + start
						+ " (retention or a lost broker deleted the records in between)";
			}
			return "that log holds offsets " + start + " to " + end + " only (the broker lost records, or the topic "
					+ "was made anew)";
		}
		catch (RuntimeException ex) {
			return "that offset is no longer in its log (where the log starts is not known: " + ex.getMessage() + ")";
		}
	}

	private Map<TopicPartition, Long> earliestOffsets(Collection<String> topics) {
		return offsets(topics, OffsetSpec.earliest());
	}

	/** Each partition's log start (or end) offset; topics that do not exist yet have none. */
	private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) {
		Map<String, Object> config = new HashMap<>();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
				try {
					TopicDescription found = description.get();
					found.partitions().forEach(info -> earliest.put(new TopicPartition(topic, info.partition()),
							spec));
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
						throw new IllegalStateException("Cannot describe command topic " + topic, ex.getCause());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while describing " + topic, ex);
				}
			});
			Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
			admin.listOffsets(earliest).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
			return offsets;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot read where the command logs " + topics + " start", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading where " + topics + " start", ex);
		}
	}

}
