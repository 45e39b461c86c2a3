package io.statefront.platform.explorer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which messages a restart reads again, told by their key's partition and their time: each partition
 * of a topic from its own time on, less the messages of that very millisecond just before the point.
 */
class ReplayStartsTest {

	private static final long POINT = 1_000_000L;

	@Test
	void aMessageIsReadAgainFromItsOwnPartitionsFirstReplayedTimeOnButNotTheSameMillisecondsBefore() {
		int partition = partitionOf("7");
		String elsewhere = IntStream.range(8, 100)
			.mapToObj(Integer::toString)
			.filter(key -> partitionOf(key) != partition)
			.findFirst()
			.orElseThrow();
		Map<TopicPartition, Long> times = new HashMap<>();
		for (int i = 0; i < 4; i++) {
			// every other partition is read again from much later: only the key's own partition counts
			times.put(new TopicPartition("users", i), (i == partition) ? POINT : POINT + 60_000);
		}
		ReplayStarts starts = new ReplayStarts(times,
				Map.of(new TopicPartition("users", partition), Set.of(SameMillisecond.name("7", "key-before"))));

		assertThat(starts.readsAgain("users", "7", "key-after", POINT + 1)).isTrue();
		assertThat(starts.readsAgain("users", "7", "key-after", POINT)).isTrue();
		assertThat(starts.readsAgain("users", "7", "key-before", POINT)).isFalse();
		assertThat(starts.readsAgain("users", "7", "key-earlier", POINT - 1)).isFalse();
		assertThat(starts.readsAgain("users", elsewhere, "key-after", POINT + 1)).isFalse();
		assertThat(starts.readsAgain("users", elsewhere, "key-later", POINT + 60_000)).isTrue();
		assertThat(starts.readsAgain("stock", "7", "key-after", POINT + 1)).isFalse();
		assertThat(starts.reads("users")).isTrue();
		assertThat(starts.reads("stock")).isFalse();
		assertThat(starts.earliest(List.of("users"))).isEqualTo(POINT);
		assertThat(starts.earliest(List.of("stock"))).isEqualTo(Long.MAX_VALUE);
	}

	/** The partition of Kafka's default partitioner, as every producer of a command topic uses it. */
	private static int partitionOf(String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 4;
	}

}
